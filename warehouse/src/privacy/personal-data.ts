/**
 * Where personal data lives in ClickHouse, in one place: the raw tables whose columns hold it, which of a member's
 * rows a Postgres erasure rewrites, and the mart columns that carry it past staging. Erasure
 * (`erase-member.ts`), retention (`prune-history.ts`) and the api's export cleanup all read this list, and
 * docs/privacy.md describes it.
 */

export interface RawPersonalTable {
  /** `raw.<table>`, written by the change stream; every one here is keyed by `(tenant_id, id)`. */
  table: string;
  /** Columns that hold personal data (documentation, and what the erasure test searches). */
  columns: readonly string[];
  /**
   * The rows of one member that the erasure transaction in Postgres rewrites, as a predicate over the raw table
   * with the parameters `{member:UUID}` and `{pseudonym:String}`. Every row it selects gets a new version at or
   * after the member's erased version, so earlier versions of those rows can go.
   */
  memberRows: string;
}

export const RAW_PERSONAL_DATA: readonly RawPersonalTable[] = [
  {
    table: 'members',
    columns: [
      'external_id',
      'email',
      'first_name',
      'last_name',
      'phone',
      'birth_date',
      'attributes',
      'tags',
      'consents',
    ],
    memberRows: 'id = {member:UUID}',
  },
  // Free-form attributes sent with an event (a gift note, a delivery address); amounts and line items stay.
  { table: 'events', columns: ['attributes'], memberRows: 'member_id = {member:UUID}' },
  // The merchant's customer id of a guest order, which is the member's old external id once they enrolled.
  { table: 'guest_purchases', columns: ['customer_ref'], memberRows: 'customer_ref = {pseudonym:String}' },
  // The free-text reason of a manual adjustment ("Goodwill: late delivery to …"); points and kinds stay.
  {
    table: 'ledger_entries',
    columns: ['reason'],
    memberRows: "member_id = {member:UUID} AND kind = 'adjustment'",
  },
];

export interface MartPersonalColumns {
  /** `marts.<mart>`, one row per member (`tenant_id`, `member_id`). */
  mart: string;
  /** Columns that hold personal data: an export of the mart with one of them may hold a member's. */
  columns: readonly string[];
  /** The columns an erasure sets, each with the SQL of its erased value (parameter `{pseudonym:String}`). */
  erased: Readonly<Record<string, string>>;
}

/**
 * Marts that carry personal data past staging. Staging drops the profile (email, names, phone, birth date,
 * attributes, consents); only the external id and the tags reach a mart, for BI users to join the merchant's CRM.
 */
export const MART_PERSONAL_DATA: readonly MartPersonalColumns[] = [
  {
    mart: 'member_360',
    columns: ['external_id', 'tags'],
    erased: { external_id: '{pseudonym:String}', tags: '[]', status: "'erased'" },
  },
];

/** The external id an erased member carries in Postgres and, after erasure, everywhere in the warehouse. */
export const erasedPseudonym = (memberId: string): string => `erased:${memberId}`;
