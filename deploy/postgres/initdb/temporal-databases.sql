-- Runs once, when the Postgres container starts on an empty volume: Temporal's persistence lives in the same
-- server as Monet's own database, in two databases of its own. Their schema is applied by `temporal-schema`.
CREATE DATABASE temporal;
CREATE DATABASE temporal_visibility;
