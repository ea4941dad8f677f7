-- Databases of the warehouse. `raw` holds rows as the change stream delivers them; `marts` holds what dbt builds.
-- The migration ledger itself (monet_meta.schema_migrations) is created by the runner before it reads it.
CREATE DATABASE IF NOT EXISTS raw;

CREATE DATABASE IF NOT EXISTS marts;
