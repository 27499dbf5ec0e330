// Money: the server speaks integer fen (分); people read and type yuan (元). Conversions
// work on the digits, never by multiplying floats (0.29 * 100 = 28.999999999999996).

const AMOUNT = /^(\d{1,13})(?:\.(\d{0,2}))?$/

/** `¥5,111,780.00` for 511178000 fen; '—' for none. */
export function formatFen(fen: number | null | undefined, symbol = true): string {
  if (fen === null || fen === undefined) return '—'
  const abs = Math.abs(Math.trunc(fen))
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const cents = String(abs % 100).padStart(2, '0')
  return `${fen < 0 ? '-' : ''}${symbol ? '¥' : ''}${yuan}.${cents}`
}

/** Fen as the plain yuan text of an input: 123450 → `1234.50`. */
export function fenToYuan(fen: number): string {
  return formatFen(fen, false).replace(/,/g, '')
}

/** The yuan a person typed (`1,234.5`, `¥80`) in fen, or null when it is not an amount
 *  of at most two decimals. */
export function yuanToFen(text: string): number | null {
  const m = AMOUNT.exec(text.replace(/[,，\s¥￥]/g, ''))
  if (!m) return null
  return Number(m[1] + (m[2] ?? '').padEnd(2, '0'))
}
