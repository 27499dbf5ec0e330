import { createRouter, createWebHistory, type RouteLocationRaw, type RouteMeta } from 'vue-router'
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

/** A page of the vehicles module: its title, the crumbs 公务用车 › (parent ›) page, and the
 *  module's read permission. */
function vehiclesPage(page: string, parent?: string): RouteMeta {
  const crumbs = ['vehicles.menu.group', ...(parent ? [`vehicles.menu.${parent}`] : []), `vehicles.menu.${page}`]
  return { title: `vehicles.menu.${page}`, crumbs, permission: 'vehicles.read' }
}

/** A page of the meetings module: title, crumbs 会议保障 › (parent ›) page, and the permission
 *  its list needs (meetings.read unless said). */
function meetingsPage(page: string, parent?: string, permission = 'meetings.read'): RouteMeta {
  const crumbs = ['meetings.menu.group', ...(parent ? [`meetings.menu.${parent}`] : []), `meetings.menu.${page}`]
  return { title: `meetings.menu.${page}`, crumbs, permission }
}

/** A page of the mail room (收发室): title, crumbs 收发室 › page, and its permission. */
function mailPage(page: string, permission = 'mail.read'): RouteMeta {
  return { title: `mail.menu.${page}`, crumbs: ['mail.menu.group', `mail.menu.${page}`], permission }
}

/** A page of the office-space module (办公用房): title, crumbs 办公用房 › page, permission. */
function spacePage(page: string, permission = 'space.read'): RouteMeta {
  return { title: `space.menu.${page}`, crumbs: ['space.menu.group', `space.menu.${page}`], permission }
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
          path: 'vehicles',
          name: 'vehicles',
          component: () => import('@/views/vehicles/VehiclesView.vue'),
          meta: vehiclesPage('registry'),
        },
        {
          path: 'vehicles/:id(\\d+)',
          name: 'vehicle',
          component: () => import('@/views/vehicles/VehicleDetailView.vue'),
          meta: vehiclesPage('detail', 'registry'),
        },
        {
          path: 'vehicles/campaigns',
          name: 'vehicle-campaigns',
          component: () => import('@/views/vehicles/CampaignsView.vue'),
          meta: vehiclesPage('campaigns'),
        },
        {
          path: 'vehicles/campaigns/:id(\\d+)',
          name: 'vehicle-campaign',
          component: () => import('@/views/vehicles/CampaignView.vue'),
          meta: vehiclesPage('campaign', 'campaigns'),
        },
        {
          path: 'vehicles/batches/:id(\\d+)',
          name: 'vehicle-batch',
          component: () => import('@/views/vehicles/BatchView.vue'),
          meta: vehiclesPage('batch', 'campaigns'),
        },
        {
          path: 'vehicles/stats',
          name: 'vehicle-stats',
          component: () => import('@/views/vehicles/StatsView.vue'),
          meta: vehiclesPage('stats'),
        },
        {
          path: 'vehicles/allocations',
          name: 'vehicle-allocations',
          component: () => import('@/views/vehicles/AllocationsView.vue'),
          meta: vehiclesPage('allocations'),
        },
        {
          path: 'vehicles/agencies',
          name: 'vehicle-agencies',
          component: () => import('@/views/vehicles/AgenciesView.vue'),
          meta: vehiclesPage('agencies'),
        },
        {
          path: 'vehicles/standards',
          name: 'vehicle-standards',
          component: () => import('@/views/vehicles/StandardsView.vue'),
          meta: vehiclesPage('standards'),
        },
        {
          path: 'vehicles/quotas',
          name: 'vehicle-quotas',
          component: () => import('@/views/vehicles/QuotasView.vue'),
          meta: vehiclesPage('quotas'),
        },
        {
          path: 'vehicles/report',
          name: 'vehicle-report',
          component: () => import('@/views/vehicles/ReportView.vue'),
          meta: vehiclesPage('report'),
        },
        {
          path: 'meetings',
          name: 'meetings',
          component: () => import('@/views/meetings/TimelineView.vue'),
          meta: meetingsPage('timeline'),
        },
        {
          path: 'meetings/bookings',
          name: 'meeting-bookings',
          component: () => import('@/views/meetings/BookingsView.vue'),
          meta: meetingsPage('bookings'),
        },
        {
          // A notification's link: the list with the booking's card open.
          path: 'meetings/bookings/:id(\\d+)',
          name: 'meeting-booking',
          component: () => import('@/views/meetings/BookingsView.vue'),
          meta: meetingsPage('bookings'),
        },
        {
          path: 'meetings/mine',
          name: 'meeting-mine',
          component: () => import('@/views/meetings/BookingsView.vue'),
          props: { mine: true },
          meta: meetingsPage('mine', undefined, 'meetings.book'),
        },
        {
          path: 'meetings/approvals',
          name: 'meeting-approvals',
          component: () => import('@/views/meetings/ApprovalsView.vue'),
          meta: meetingsPage('approvals', undefined, 'meetings.approve'),
        },
        {
          path: 'meetings/tasks',
          name: 'meeting-tasks',
          component: () => import('@/views/meetings/TasksView.vue'),
          meta: meetingsPage('tasks', undefined, 'meetings.serve'),
        },
        {
          path: 'meetings/rooms',
          name: 'meeting-rooms',
          component: () => import('@/views/meetings/RoomsView.vue'),
          meta: meetingsPage('rooms'),
        },
        {
          path: 'meetings/rooms/:id(\\d+)',
          name: 'meeting-room',
          component: () => import('@/views/meetings/RoomView.vue'),
          meta: meetingsPage('room', 'rooms'),
        },
        {
          path: 'meetings/stats',
          name: 'meeting-stats',
          component: () => import('@/views/meetings/StatsView.vue'),
          meta: meetingsPage('stats'),
        },
        {
          path: 'mail/register',
          name: 'mail-register',
          component: () => import('@/views/mail/RegisterView.vue'),
          meta: mailPage('register', 'mail.register'),
        },
        {
          path: 'mail/items',
          name: 'mail-items',
          component: () => import('@/views/mail/ItemsView.vue'),
          meta: mailPage('items'),
        },
        {
          // A notification's link: the ledger with the item's card open.
          path: 'mail/items/:id(\\d+)',
          name: 'mail-item',
          component: () => import('@/views/mail/ItemsView.vue'),
          meta: mailPage('items'),
        },
        {
          path: 'mail/waiting',
          name: 'mail-waiting',
          component: () => import('@/views/mail/WaitingView.vue'),
          meta: mailPage('waiting', 'mail.receive'),
        },
        {
          path: 'mail/day',
          name: 'mail-day',
          component: () => import('@/views/mail/DayView.vue'),
          meta: mailPage('day', 'mail.close'),
        },
        {
          path: 'mail/outgoing',
          name: 'mail-outgoing',
          component: () => import('@/views/mail/OutgoingView.vue'),
          meta: mailPage('outgoing'),
        },
        {
          path: 'mail/slots',
          name: 'mail-slots',
          component: () => import('@/views/mail/SlotsView.vue'),
          meta: mailPage('slots'),
        },
        {
          path: 'mail/stats',
          name: 'mail-stats',
          component: () => import('@/views/mail/StatsView.vue'),
          meta: mailPage('stats'),
        },
        {
          path: 'space/rooms',
          name: 'space-rooms',
          component: () => import('@/views/space/RoomsView.vue'),
          meta: spacePage('rooms'),
        },
        {
          path: 'space/buildings',
          name: 'space-buildings',
          component: () => import('@/views/space/BuildingsView.vue'),
          meta: spacePage('buildings'),
        },
        {
          path: 'space/compliance',
          name: 'space-compliance',
          component: () => import('@/views/space/ComplianceView.vue'),
          meta: spacePage('compliance'),
        },
        {
          path: 'space/leaders',
          name: 'space-leaders',
          component: () => import('@/views/space/LeadersView.vue'),
          meta: spacePage('leaders'),
        },
        {
          path: 'space/flags',
          name: 'space-flags',
          component: () => import('@/views/space/FlagsView.vue'),
          meta: spacePage('flags'),
        },
        {
          path: 'space/requests',
          name: 'space-requests',
          component: () => import('@/views/space/RequestsView.vue'),
          meta: spacePage('requests'),
        },
        {
          path: 'space/standards',
          name: 'space-standards',
          component: () => import('@/views/space/StandardsView.vue'),
          meta: spacePage('standards'),
        },
        {
          path: 'space/campaigns',
          name: 'space-campaigns',
          component: () => import('@/views/space/CampaignsView.vue'),
          meta: spacePage('campaigns'),
        },
        {
          path: 'space/campaigns/:id(\\d+)',
          name: 'space-campaign',
          component: () => import('@/views/space/CampaignView.vue'),
          meta: { ...spacePage('campaign'), crumbs: ['space.menu.group', 'space.menu.campaigns', 'space.menu.campaign'] },
        },
        {
          path: 'space/campaigns/:id(\\d+)/units/:unitId(\\d+)',
          name: 'space-campaign-unit',
          component: () => import('@/views/space/CampaignSelfCheckView.vue'),
          meta: { ...spacePage('selfCheck'), crumbs: ['space.menu.group', 'space.menu.campaigns', 'space.menu.selfCheck'] },
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
      // The public building directory (no login): search, and a room's card (door plates' QR).
      path: '/directory',
      name: 'space-directory',
      component: () => import('@/views/space/DirectoryView.vue'),
      meta: { public: true, title: 'space.directory.title' },
    },
    {
      path: '/directory/rooms/:id(\\d+)',
      name: 'space-directory-room',
      component: () => import('@/views/space/DirectoryRoomView.vue'),
      meta: { public: true, title: 'space.directory.roomTitle' },
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

/** The page a role starts on after logging in, when it is not the home page. */
const LANDING: Record<string, string> = { mail_clerk: 'mail-register' }

router.beforeEach(async (to, from): Promise<RouteLocationRaw | true> => {
  const auth = useAuthStore()
  await auth.ensureChecked()
  if (to.name === 'login' && auth.isAuthenticated) return safeRedirect(to.query.redirect)
  const landing = LANDING[auth.user?.role ?? '']
  if (to.name === 'home' && from.name === 'login' && landing) return { name: landing }
  if (to.meta.public || auth.isAuthenticated) return true
  return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
})
