-- The counter finds the events it has not counted yet by where it stopped, instead of by a queue
-- table. Every event row records the transaction that stored it (xact); the counter takes events
-- in (xact, id) order, only those of transactions older than every one still running (below the
-- xmin of its snapshot: their commit is final, no later event can sort before them), and moves
-- its cursor past them in the same transaction that adds them to the issues. So each event is
-- still counted exactly once, across crashes too, but nothing is written or deleted per event
-- besides the event itself: the queue table it replaces left a dead row behind every counted
-- event, and the counter's index scan stepped over those until autovacuum came by (up to a fifth
-- of PostgreSQL's time in the benchmark's scenario (a)).

-- Rows stored before this migration: 1 when already counted, 2 when still queued. Both sort
-- before any real transaction id, and the cursor below starts between them.
alter table event add column xact xid8 not null default '1';
update event set xact = '2' where id in (select event_row_id from event_pending);
alter table event alter column xact set default pg_current_xact_id();
create index event_count_order_idx on event (xact, id);

-- One row: the last (xact, id) counted.
create table event_count_cursor (
    single        boolean primary key default true check (single),
    through_xact  xid8 not null,
    through_id    bigint not null
);
insert into event_count_cursor (through_xact, through_id) values ('1', 9223372036854775807);

-- The events stored but not counted yet, for operators and tests (the counter reads the index
-- itself, with the snapshot bound above).
create view event_uncounted as
select e.* from event e, event_count_cursor c
where (e.xact, e.id) > (c.through_xact, c.through_id);

drop table event_pending;
