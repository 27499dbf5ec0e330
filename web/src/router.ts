import { createRouter, createWebHistory, type RouteLocationRaw } from 'vue-router'
import { useAuthStore } from '@/stores/auth'

declare module 'vue-router' {
  interface RouteMeta {
    /** Anyone may see the page without logging in. */
    public?: boolean
    /** i18n key of the page title. */
    title?: string
    /** i18n keys of the breadcrumb trail after 首页 (the last one is the page itself). */
    crumbs?: string[]
    /** The permission the page's main list needs (the menu hides it from roles without it). */
    permission?: string
  }
}

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: [
    {
      path: '/login',
      name: 'login',
      component: () => import('@/views/LoginView.vue'),
      meta: { public: true, title: 'login.heading' },
    },
    {
      path: '/',
      component: () => import('@/layouts/AdminLayout.vue'),
      children: [
        {
          path: '',
          name: 'home',
          component: () => import('@/views/HomeView.vue'),
          meta: { title: 'menu.home', crumbs: [] },
        },
        {
          path: 'org/units',
          name: 'units',
          component: () => import('@/views/org/UnitsView.vue'),
          meta: { title: 'menu.units', crumbs: ['menu.org', 'menu.units'], permission: 'org.read' },
        },
        {
          path: 'org/people',
          name: 'people',
          component: () => import('@/views/org/PeopleView.vue'),
          meta: { title: 'menu.people', crumbs: ['menu.org', 'menu.people'], permission: 'people.read' },
        },
        {
          path: 'org/sectors',
          name: 'sectors',
          component: () => import('@/views/org/SectorsView.vue'),
          meta: { title: 'menu.sectors', crumbs: ['menu.org', 'menu.sectors'], permission: 'org.read' },
        },
        {
          path: 'org/accounts',
          name: 'accounts',
          component: () => import('@/views/org/AccountsView.vue'),
          meta: { title: 'menu.accounts', crumbs: ['menu.org', 'menu.accounts'], permission: 'accounts.manage' },
        },
        {
          path: 'system/roles',
          name: 'roles',
          component: () => import('@/views/system/RolesView.vue'),
          meta: { title: 'menu.roles', crumbs: ['menu.system', 'menu.roles'], permission: 'roles.read' },
        },
        {
          path: 'system/dictionaries',
          name: 'dictionaries',
          component: () => import('@/views/system/DictionariesView.vue'),
          meta: { title: 'menu.dictionaries', crumbs: ['menu.system', 'menu.dictionaries'], permission: 'dictionaries.read' },
        },
        {
          path: 'system/calendar',
          name: 'calendar',
          component: () => import('@/views/system/CalendarView.vue'),
          meta: { title: 'menu.calendar', crumbs: ['menu.system', 'menu.calendar'] },
        },
        {
          path: 'system/audit',
          name: 'audit',
          component: () => import('@/views/system/AuditView.vue'),
          meta: { title: 'menu.audit', crumbs: ['menu.system', 'menu.audit'], permission: 'audit.view' },
        },
        {
          path: 'my/inbox',
          name: 'inbox',
          component: () => import('@/views/my/InboxView.vue'),
          meta: { title: 'menu.inbox', crumbs: ['menu.my', 'menu.inbox'] },
        },
      ],
    },
    {
      path: '/:pathMatch(.*)*',
      name: 'not-found',
      component: () => import('@/views/NotFoundView.vue'),
      meta: { public: true, title: 'notFound.title' },
    },
  ],
})

/** Only same-app paths are followed after login (no open redirect to other sites). */
export function safeRedirect(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/'
}

router.beforeEach(async (to): Promise<RouteLocationRaw | true> => {
  const auth = useAuthStore()
  await auth.ensureChecked()
  if (to.name === 'login' && auth.isAuthenticated) return safeRedirect(to.query.redirect)
  if (to.meta.public || auth.isAuthenticated) return true
  return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
})
