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
          meta: { title: 'menu.units', crumbs: ['menu.org', 'menu.units'] },
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
