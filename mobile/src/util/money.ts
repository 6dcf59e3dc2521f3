import type {Money} from '../api/types';

const digits: Record<string, number> = {JPY: 0, KRW: 0, HUF: 2, BHD: 3, KWD: 3, TND: 3};

export function formatMoney(m: Money | null | undefined): string {
  if (!m) {
    return '';
  }
  const d = digits[m.currency] ?? 2;
  const major = m.amount / 10 ** d;
  try {
    return new Intl.NumberFormat(undefined, {style: 'currency', currency: m.currency}).format(major);
  } catch {
    return `${major.toFixed(d)} ${m.currency}`;
  }
}

/** Parses what a seller typed ("12.5", "12,50") into minor units; null when it is not a price. */
export function parseMinorUnits(text: string, currency: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^\d+(\.\d{0,3})?$/.test(t)) {
    return null;
  }
  const d = digits[currency] ?? 2;
  return Math.round(Number(t) * 10 ** d);
}
