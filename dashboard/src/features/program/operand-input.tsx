'use client';

import type { Operand } from './catalogue.ts';
import type { OperandValue } from './rule-draft.ts';

const LABELS: Record<string, string> = {
  in: 'is one of',
  eq: 'equals',
  gt: 'more than',
  gte: 'at least',
  lt: 'less than',
  lte: 'at most',
  from: 'from',
  to: 'to',
  key: 'attribute',
  equals: 'equals',
  exists: 'is set',
  skuIn: 'SKUs',
  categoryIn: 'categories',
  minQuantity: 'quantity at least',
  minAmountMinor: 'amount at least (minor units)',
  hasAny: 'has any of',
  hasAll: 'has all of',
  points: 'points',
  unitMinor: 'per amount (minor units)',
  percent: 'percent',
  period: 'period',
  rewardId: 'reward',
};

const PLACEHOLDERS: Record<string, string> = {
  '^([01][0-9]|2[0-3]):[0-5][0-9]$': 'HH:MM',
  '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$': 'HH:MM',
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}$': 'YYYY-MM-DD',
};

export const operandLabel = (name: string) => LABELS[name] ?? name;

/** One operand of a condition or effect, as the api's schema types it; its error from the api beneath it. */
export function OperandInput({
  operand,
  value,
  onChange,
  error,
  choices,
}: {
  operand: Operand;
  value: OperandValue | undefined;
  onChange: (value: OperandValue) => void;
  error?: string;
  /** Values to pick from where the api takes ids (rewards, tiers). */
  choices?: { value: string; label: string }[];
}) {
  const label = operandLabel(operand.name);
  const invalid = error ? true : undefined;
  let input: React.ReactNode;
  if (operand.kind === 'choices' && operand.values) {
    const chosen = Array.isArray(value) ? value : [];
    input = (
      <fieldset aria-invalid={invalid}>
        <legend className="sr-only">{label}</legend>
        {operand.values.map((v) => (
          <label key={v} className="inline">
            <input
              type="checkbox"
              checked={chosen.includes(v)}
              onChange={(e) => onChange(e.target.checked ? [...chosen, v] : chosen.filter((c) => c !== v))}
            />{' '}
            {v}
          </label>
        ))}
      </fieldset>
    );
  } else if (choices && operand.kind === 'list') {
    // Ids picked by name; the draft keeps a list as comma-separated text.
    const chosen = String(value ?? '')
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    input = (
      <fieldset aria-invalid={invalid}>
        <legend className="sr-only">{label}</legend>
        {choices.map((c) => (
          <label key={c.value} className="inline">
            <input
              type="checkbox"
              checked={chosen.includes(c.value)}
              onChange={(e) =>
                onChange((e.target.checked ? [...chosen, c.value] : chosen.filter((v) => v !== c.value)).join(', '))
              }
            />{' '}
            {c.label}
          </label>
        ))}
      </fieldset>
    );
  } else if ((operand.kind === 'choice' && operand.values) || (choices && operand.kind === 'text')) {
    const options = choices ?? operand.values!.map((v) => ({ value: v, label: v }));
    input = (
      <select
        aria-label={label}
        aria-invalid={invalid}
        value={String(value ?? '')}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">…</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (operand.kind === 'flag') {
    input = (
      <input type="checkbox" aria-label={label} checked={value === true} onChange={(e) => onChange(e.target.checked)} />
    );
  } else {
    const numeric = operand.kind === 'integer' || operand.kind === 'number';
    input = (
      <input
        aria-label={label}
        aria-invalid={invalid}
        inputMode={numeric ? 'numeric' : undefined}
        size={numeric ? 8 : 14}
        placeholder={operand.kind === 'list' ? 'a, b, c' : operand.pattern ? (PLACEHOLDERS[operand.pattern] ?? '') : ''}
        value={String(value ?? '')}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <span className="operand" data-operand={operand.name}>
      <span className="muted small" title={operand.description}>
        {label}
        {operand.required ? '' : ' (optional)'}
      </span>
      {input}
      {error ? <span className="field-error">{error}</span> : null}
    </span>
  );
}
