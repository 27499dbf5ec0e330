// The one i18n setup: vue-i18n messages, the Element Plus locale that goes with them,
// the choice kept in localStorage and mirrored in <html lang>.
import { computed } from 'vue'
import { createI18n } from 'vue-i18n'
import elZhCn from 'element-plus/es/locale/lang/zh-cn'
import elEn from 'element-plus/es/locale/lang/en'
import zhCN from './locales/zh-CN.json'
import en from './locales/en.json'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
type MessageSchema = typeof zhCN

const STORAGE_KEY = 'jiguan.locale'

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale
  } catch {
    // localStorage may be unavailable (privacy mode): fall back to the default.
  }
  return 'zh-CN'
}

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

/** The Element Plus locale for the current language (for <el-config-provider>). */
export const elementLocale = computed(() => (i18n.global.locale.value === 'en' ? elEn : elZhCn))

function applyDocument(locale: Locale): void {
  document.documentElement.lang = locale
}

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Not remembered; the switch still works for this page.
  }
  applyDocument(locale)
}

applyDocument(i18n.global.locale.value)
