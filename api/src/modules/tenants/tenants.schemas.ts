import { type Static, Type } from 'typebox';
import { Email, Password, SignedInUser, Slug, Tokens } from '../auth/auth.schemas.ts';

export const TimeZone = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'IANA time zone name',
  examples: ['Europe/Paris'],
});
export const TenantCurrency = Type.String({
  pattern: '^[A-Z]{3}$',
  description: 'ISO 4217 code; fixed once the tenant exists, since every amount is kept in its minor units',
  examples: ['EUR'],
});
const TenantName = Type.String({ minLength: 1, maxLength: 200, examples: ['Café Lumière'] });

export const CreateTenant = Type.Object(
  {
    name: TenantName,
    slug: Slug,
    timeZone: TimeZone,
    currency: TenantCurrency,
    owner: Type.Object(
      {
        email: Email,
        name: Type.String({ minLength: 1, maxLength: 200, examples: ['Ada Lovelace'] }),
        password: Password,
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type CreateTenant = Static<typeof CreateTenant>;

export const UpdateTenant = Type.Object(
  { name: Type.Optional(TenantName), slug: Type.Optional(Slug), timeZone: Type.Optional(TimeZone) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateTenant = Static<typeof UpdateTenant>;

export const Tenant = Type.Object({
  id: Type.String({ format: 'uuid' }),
  slug: Type.String({ examples: ['cafe-lumiere'] }),
  name: Type.String({ examples: ['Café Lumière'] }),
  timeZone: Type.String({ examples: ['Europe/Paris'] }),
  currency: Type.String({ examples: ['EUR'] }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Tenant = Static<typeof Tenant>;

export const SignUpResult = Type.Object({ tenant: Tenant, user: SignedInUser, tokens: Tokens });
