'use client';

import { useActionState } from 'react';
import {
  type EndpointResult,
  type ReplayResult,
  replayDelivery,
  rotateSecret,
  saveEndpoint,
} from './webhook-actions.ts';

function Secret({ state }: { state: EndpointResult | undefined }) {
  if (!state?.ok || !state.secret) return null;
  return (
    <div className="panel notice-once" role="status">
      <p>The signing secret, shown this once: store it now.</p>
      <code data-field="webhook-secret">{state.secret}</code>
    </div>
  );
}

/** A new endpoint, or an endpoint's address and event types; the api's refusals named at their fields. */
export function EndpointForm({
  eventTypes,
  endpoint,
}: {
  eventTypes: string[];
  endpoint?: { id: string; url: string; eventTypes: string[] };
}) {
  const [state, action, pending] = useActionState<EndpointResult | undefined, FormData>(saveEndpoint, undefined);
  const errors = state && !state.ok ? state.errors : [];
  const errorOf = (field: string) => {
    const mine = errors.filter((e) => e.path.replace(/^body\./, '').split(/[.[]/)[0] === field);
    return mine.length ? <span className="field-error">{mine.map((e) => e.message).join('; ')}</span> : null;
  };
  return (
    <form action={action} className="stacked-form" aria-label={endpoint ? 'Edit endpoint' : 'New endpoint'}>
      {endpoint ? <input type="hidden" name="endpointId" value={endpoint.id} /> : null}
      <label>
        URL{' '}
        <input name="url" type="url" required defaultValue={endpoint?.url} placeholder="https://example.com/hooks" />
        {errorOf('url')}
      </label>
      <fieldset>
        <legend>Event types</legend>
        {eventTypes.map((t) => (
          <label key={t} className="inline">
            <input type="checkbox" name="eventTypes" value={t} defaultChecked={endpoint?.eventTypes.includes(t)} />{' '}
            <code>{t}</code>
          </label>
        ))}
        {errorOf('eventTypes')}
      </fieldset>
      {endpoint ? null : (
        <label className="inline">
          <input type="checkbox" name="enabled" defaultChecked /> Enabled (deliveries start with the next event)
        </label>
      )}
      <button type="submit" className="button primary" disabled={pending}>
        {endpoint ? 'Save endpoint' : 'Add endpoint'}
      </button>
      {state ? (
        <p role={state.ok ? 'status' : 'alert'} className={state.ok ? 'muted' : 'form-error'}>
          {state.message}
        </p>
      ) : null}
      <Secret state={state} />
    </form>
  );
}

export function RotateSecret({ endpointId }: { endpointId: string }) {
  const [state, action, pending] = useActionState<EndpointResult | undefined, FormData>(rotateSecret, undefined);
  return (
    <form action={action} className="stacked-form" aria-label="Rotate the secret">
      <input type="hidden" name="endpointId" value={endpointId} />
      <button type="submit" className="button" disabled={pending}>
        Rotate the secret
      </button>
      {state && !state.ok ? (
        <p role="alert" className="form-error">
          {state.message}
        </p>
      ) : null}
      <Secret state={state} />
    </form>
  );
}

export function ReplayButton({ deliveryId }: { deliveryId: string }) {
  const [state, action, pending] = useActionState<ReplayResult | undefined, FormData>(replayDelivery, undefined);
  return (
    <form action={action}>
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <button type="submit" className="button ghost small" disabled={pending}>
        Replay
      </button>
      {state ? (
        <span
          role={state.ok ? 'status' : 'alert'}
          className={`small block ${state.ok ? 'muted' : 'form-error'}`}
          data-field="replay-result"
        >
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
