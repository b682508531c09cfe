import { type KomojuPaymentMethod } from './types';

/** A realistic Japanese merchant's `GET /payment_methods` answer. */
export const DEFAULT_KOMOJU_PAYMENT_METHODS: readonly KomojuPaymentMethod[] = [
  {
    type_slug: 'credit_card',
    name_en: 'Credit Card',
    name_ja: 'クレジットカード',
    name_ko: '신용카드',
    currency: 'JPY',
    subtypes: ['visa', 'master', 'jcb', 'american_express', 'diners_club'],
    secure_token_supported: ['3ds2'],
  },
  {
    type_slug: 'konbini',
    name_en: 'Konbini',
    name_ja: 'コンビニ',
    name_ko: '편의점',
    currency: 'JPY',
    subtypes: ['seven-eleven', 'lawson', 'family-mart', 'ministop', 'daily-yamazaki', 'seicomart'],
  },
  { type_slug: 'paypay', name_en: 'PayPay', name_ja: 'PayPay', name_ko: 'PayPay', currency: 'JPY' },
  {
    type_slug: 'bank_transfer',
    name_en: 'Bank Transfer',
    name_ja: '銀行振込',
    name_ko: '은행 송금',
    currency: 'JPY',
  },
  { type_slug: 'pay_easy', name_en: 'Pay-easy', name_ja: 'ペイジー', name_ko: 'Pay-easy', currency: 'JPY' },
];

export function isKomojuPaymentMethod(value: unknown): value is KomojuPaymentMethod {
  if (typeof value !== 'object' || value === null) return false;
  const method = value as Record<string, unknown>;
  return ['type_slug', 'name_en', 'name_ja', 'name_ko', 'currency'].every((key) => typeof method[key] === 'string');
}
