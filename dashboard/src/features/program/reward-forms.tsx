'use client';

import { useState } from 'react';
import { createReward, uploadCodes } from './actions.ts';
import { ApiForm } from './api-form.tsx';

const KIND_LABELS: Record<string, string> = {
  discount_amount: 'an amount off',
  discount_percent: 'a percentage off',
  free_item: 'a free item',
  voucher: 'a voucher code from a pool',
  custom: 'something else (described)',
};

/** A new reward: what the member gets (the api's kinds), its price in points and what it costs the merchant. */
export function RewardForm({ programId, currency, kinds }: { programId: string; currency: string; kinds: string[] }) {
  const [kind, setKind] = useState(kinds[0] ?? 'voucher');
  return (
    <ApiForm action={createReward} label="New reward" submit="Add reward">
      {(errorOf) => (
        <>
          <input type="hidden" name="programId" value={programId} />
          <input type="hidden" name="currency" value={currency} />
          <label>
            Name <input name="name" required placeholder="€5 off" />
            {errorOf('name')}
          </label>
          <label>
            The member gets{' '}
            <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k] ?? k}
                </option>
              ))}
            </select>
            {errorOf('kind')}
          </label>
          {kind === 'discount_amount' ? (
            <label>
              Discount in minor units of {currency} <input name="discountAmountMinor" inputMode="numeric" />
              {errorOf('discountAmountMinor')}
              {errorOf('currency')}
            </label>
          ) : null}
          {kind === 'discount_percent' ? (
            <label>
              Discount (%) <input name="discountPercent" inputMode="numeric" />
              {errorOf('discountPercent')}
            </label>
          ) : null}
          {kind === 'free_item' ? (
            <label>
              SKU given <input name="sku" />
              {errorOf('sku')}
            </label>
          ) : null}
          <label>
            Price in points <input name="costPoints" inputMode="numeric" required />
            {errorOf('costPoints')}
          </label>
          <label>
            Cost to the merchant per unit (minor units of {currency}) <input name="costMinor" inputMode="numeric" />
            {errorOf('costMinor')}
          </label>
          <label>
            Units available (empty: unlimited) <input name="inventory" inputMode="numeric" />
            {errorOf('inventory')}
          </label>
          <label>
            Most per member (empty: unlimited) <input name="perMemberLimit" inputMode="numeric" />
            {errorOf('perMemberLimit')}
          </label>
          <label>
            Description <input name="description" />
            {errorOf('description')}
          </label>
        </>
      )}
    </ApiForm>
  );
}

/** Voucher codes added to a reward's pool, one per line. */
export function CodesForm({ rewardId, name }: { rewardId: string; name: string }) {
  return (
    <ApiForm action={uploadCodes} label={`Codes for ${name}`} className="row-form" submit="Add codes">
      {() => (
        <>
          <input type="hidden" name="rewardId" value={rewardId} />
          <label>
            Codes, one per line <textarea name="codes" rows={2} />
          </label>
        </>
      )}
    </ApiForm>
  );
}
