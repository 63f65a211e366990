-- Tables Kamailio loads its dispatcher list and domain→set map from (db_postgres).
-- Layouts are those Kamailio 5.6 expects. They live in schema "kamailio" so the Prisma
-- drift check (which reads only "public") ignores them. The Switchboard worker is the
-- only writer, Kamailio reads them through a read-only role whose search_path is "kamailio".
-- (No semicolons or quotes in comments: the Prisma JS engine splits statements naively.)
CREATE SCHEMA IF NOT EXISTS kamailio;

CREATE TABLE kamailio.version (
    table_name varchar(32) NOT NULL PRIMARY KEY,
    table_version integer NOT NULL DEFAULT 0
);
-- Kamailio refuses to start unless the dispatcher table version is 1–4.
INSERT INTO kamailio.version (table_name, table_version) VALUES ('dispatcher', 4);

CREATE TABLE kamailio.dispatcher (
    id serial PRIMARY KEY,
    setid integer NOT NULL DEFAULT 0,
    destination varchar(192) NOT NULL DEFAULT '',
    flags integer NOT NULL DEFAULT 0,
    priority integer NOT NULL DEFAULT 0,
    attrs varchar(198) NOT NULL DEFAULT '',
    description varchar(64) NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX dispatcher_setid_destination_idx ON kamailio.dispatcher (setid, destination);

-- htable "domainset": SIP domain → dispatcher set id (value_type 0 = string).
CREATE TABLE kamailio.domainset (
    id serial PRIMARY KEY,
    -- Wider than the stock varchar(64) since a SIP domain may be up to 253 characters.
    key_name varchar(255) NOT NULL DEFAULT '',
    key_type integer NOT NULL DEFAULT 0,
    value_type integer NOT NULL DEFAULT 0,
    key_value varchar(128) NOT NULL DEFAULT '',
    expires integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX domainset_key_name_idx ON kamailio.domainset (key_name);

-- The cluster revision the rows above were computed from (one row).
CREATE TABLE kamailio.sync_state (
    id integer PRIMARY KEY CHECK (id = 1),
    revision bigint NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO kamailio.sync_state (id, revision) VALUES (1, 0);
