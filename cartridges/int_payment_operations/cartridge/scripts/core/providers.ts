/**
 * The four providers this cartridge operates on, and what each needs from the instance's
 * configuration. Attribute IDs are typed from the generated metadata typings: renaming one in
 * metadata/ breaks compilation here instead of breaking a merchant's job in production.
 */

export type ProviderId = 'alma' | 'monext' | 'komoju' | 'payzen';

export type OrderAttributeId = keyof OrderCustomAttributes;
export type SitePreferenceId = keyof SitePreferencesCustomAttributes;

export interface ProviderDefinition {
  readonly id: ProviderId;
  readonly label: string;
  /** Service ID in services.xml (Administration > Operations > Services). */
  readonly serviceId: string;
  /** What the credential's user field must hold, or null when the provider needs none. */
  readonly credentialUser: string | null;
  /** What the credential's password field must hold. */
  readonly credentialSecret: string;
  readonly orderAttributes: ReadonlyArray<OrderAttributeId>;
  readonly sitePreferences: ReadonlyArray<SitePreferenceId>;
  /** True when the operations engine's capture, cancel and refund steps serve this provider. */
  readonly usesOperationsEngine: boolean;
}

/** Order attributes of the operations engine, shared by every provider it serves. */
export const ENGINE_ORDER_ATTRIBUTES: ReadonlyArray<OrderAttributeId> = [
  'payopsCaptureAmount',
  'payopsCaptureStatus',
  'payopsCapturedAmount',
  'payopsRefundAmount',
  'payopsRefundedAmount',
  'payopsCancelStatus',
  'payopsRefundStatus',
  'payopsReason',
  'payopsIdempotencyKey',
  'payopsHistory',
];

export const PROVIDERS: ReadonlyArray<ProviderDefinition> = [
  {
    id: 'alma',
    label: 'Alma',
    serviceId: 'paymentoperations.alma',
    credentialUser: null,
    credentialSecret: 'the Alma API key (sk_live_… or sk_test_…)',
    orderAttributes: ['almaPaymentId', 'ALMA_Deferred_Capture'],
    sitePreferences: ['ALMA_Deferred_Capture_Activation'],
    usesOperationsEngine: true,
  },
  {
    id: 'monext',
    label: 'Monext',
    serviceId: 'paymentoperations.monext',
    credentialUser: 'the Monext merchant ID',
    credentialSecret: 'the Monext access key',
    orderAttributes: ['monextSessionID', 'monextTransactionID'],
    sitePreferences: ['monextCaptureMode'],
    usesOperationsEngine: true,
  },
  {
    id: 'komoju',
    label: 'KOMOJU',
    serviceId: 'paymentoperations.komoju',
    credentialUser: null,
    credentialSecret: 'the KOMOJU secret key',
    orderAttributes: [
      'komojuPaymentId',
      'komojuCancelStatus',
      'komojuCancelResponse',
      'komojuRefundStatus',
      'komojuRefundResponse',
      'komojuCaptureStatus',
      'komojuCaptureResponse',
    ],
    sitePreferences: ['komojuCaptureOnShipment'],
    usesOperationsEngine: true,
  },
  {
    id: 'payzen',
    label: 'PayZen/Lyra',
    serviceId: 'paymentoperations.payzen',
    credentialUser: 'the PayZen/Lyra shop ID',
    credentialSecret: 'the PayZen/Lyra REST API password',
    orderAttributes: ['payzenInitialTransactionUuid', 'payzenInitialTransactionDate'],
    sitePreferences: ['payzenHmacSha256Key'],
    usesOperationsEngine: true,
  },
];

export function providerIds(): ProviderId[] {
  const ids: ProviderId[] = [];
  for (let i = 0; i < PROVIDERS.length; i++) ids.push(PROVIDERS[i].id);
  return ids;
}

export function findProvider(id: string): ProviderDefinition | null {
  for (let i = 0; i < PROVIDERS.length; i++) {
    if (PROVIDERS[i].id === id) return PROVIDERS[i];
  }
  return null;
}

/**
 * Parses a job parameter such as "alma, komoju" (case-insensitive, any separator of commas and
 * spaces). Empty means every provider. Throws with the list of valid names on an unknown one.
 */
export function parseProviderList(value: string | null | undefined): ProviderDefinition[] {
  const text = value === null || value === undefined ? '' : String(value);
  const names = text.toLowerCase().split(/[\s,;]+/);
  const selected: ProviderDefinition[] = [];
  for (let i = 0; i < names.length; i++) {
    if (!names[i]) continue;
    const provider = findProvider(names[i]);
    if (!provider) {
      throw new Error('Unknown provider "' + names[i] + '"; expected one or more of: ' + providerIds().join(', '));
    }
    if (selected.indexOf(provider) < 0) selected.push(provider);
  }
  return selected.length ? selected : PROVIDERS.slice();
}
