import { type Static, Type } from 'typebox';

export const ServiceName = Type.Union([
  Type.Literal('postgres'),
  Type.Literal('clickhouse'),
  Type.Literal('temporal'),
  Type.Literal('worker'),
]);

export const ServiceStatus = Type.Object(
  {
    name: ServiceName,
    status: Type.Union([Type.Literal('up'), Type.Literal('down')]),
    latencyMs: Type.Integer({ minimum: 0, description: 'Round trip of the probe, in milliseconds' }),
    detail: Type.String({ description: 'Engine version when up, the error when down' }),
    url: Type.Optional(Type.String({ description: 'Where the engine is, without credentials' })),
  },
  { additionalProperties: false },
);
export type ServiceStatus = Static<typeof ServiceStatus>;

export const WorkflowCheck = Type.Object(
  {
    status: Type.Union([Type.Literal('up'), Type.Literal('down')]),
    workflowId: Type.Optional(Type.String()),
    worker: Type.Optional(Type.String({ description: 'host/pid of the worker that ran the activity' })),
    roundTripMs: Type.Integer({ minimum: 0 }),
    checkedAt: Type.String({ format: 'date-time' }),
    detail: Type.String(),
  },
  { additionalProperties: false },
);
export type WorkflowCheck = Static<typeof WorkflowCheck>;

export const SystemStatus = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
    checkedAt: Type.String({ format: 'date-time' }),
    version: Type.String(),
    services: Type.Array(ServiceStatus),
    workflow: WorkflowCheck,
  },
  { additionalProperties: false },
);
export type SystemStatus = Static<typeof SystemStatus>;

export const Readiness = Type.Object(
  {
    status: Type.Union([Type.Literal('ready'), Type.Literal('not-ready')]),
    services: Type.Array(ServiceStatus),
  },
  { additionalProperties: false },
);
export type Readiness = Static<typeof Readiness>;
