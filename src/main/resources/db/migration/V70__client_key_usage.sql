-- Events accepted per client key and rate-limit window (issue #8): a key's rateLimit {window,
-- count} is enforced by counting here, so that every service instance on this database shares the
-- one count. Only keys with a limit get rows; a window's row is deleted once a later window began.
create table client_key_usage (
    client_key_id  bigint not null references client_key (id) on delete cascade,
    -- the start of a fixed window of rate_limit_window seconds, counted from the epoch
    window_start   timestamptz not null,
    used           integer not null,
    primary key (client_key_id, window_start)
);
