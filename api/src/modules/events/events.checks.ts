import { Compile } from 'typebox/compile';
import { InvalidRequestError } from '../../errors.ts';
import { RecordEvent } from './events.schemas.ts';

// An event's input, checked: the schema (for a batch's items, which arrive unchecked) and the rules it cannot express.

export const checkEvent = Compile(RecordEvent);

/** Input rules the schema cannot express, with the path of the field at fault. */
export function checkShape(input: RecordEvent, at: string): void {
  const errors: { path: string; message: string }[] = [];
  if (input.memberId !== undefined && input.memberExternalId !== undefined) {
    errors.push({ path: `${at}.memberExternalId`, message: 'give memberId or memberExternalId, not both' });
  }
  if ((input.amountMinor === undefined) !== (input.currency === undefined)) {
    const missing = input.amountMinor === undefined ? 'amountMinor' : 'currency';
    errors.push({ path: `${at}.${missing}`, message: 'amountMinor and currency go together' });
  }
  if (input.type === 'custom' && input.customType === undefined) {
    errors.push({ path: `${at}.customType`, message: 'is required for a custom event' });
  }
  if (input.type !== 'custom' && input.customType !== undefined) {
    errors.push({ path: `${at}.customType`, message: 'is only for custom events' });
  }
  if (input.type === 'refund') {
    if ((input.refundOfExternalId === undefined) === (input.refundOfEventId === undefined)) {
      errors.push({
        path: `${at}.refundOfExternalId`,
        message: 'a refund names its purchase by one of refundOfExternalId or refundOfEventId',
      });
    }
    if (input.amountMinor === undefined)
      errors.push({ path: `${at}.amountMinor`, message: 'is required for a refund' });
  } else {
    if (input.refundOfExternalId !== undefined || input.refundOfEventId !== undefined) {
      errors.push({ path: `${at}.refundOfExternalId`, message: 'only a refund names a purchase' });
    }
    if (input.memberId === undefined && input.memberExternalId === undefined) {
      errors.push({ path: `${at}.memberId`, message: 'give memberId or memberExternalId' });
    }
  }
  if (errors.length) throw new InvalidRequestError(errors);
}
