-- The service takes activity ids 50 at a time (one nextval per 50 rows, Hibernate's pooled
-- optimizer), so that a bulk change inserts its activities in batches instead of one INSERT ...
-- RETURNING per row. A value N of the sequence stands for the block N-49..N, so the next value is
-- set a block past every existing id. It is a plain sequence (an identity column's own is invisible
-- to Hibernate's schema validation) and stays the column's default: a row inserted by plain SQL
-- takes a value of its own, which no block of the service's overlaps.
create sequence activity_ids increment by 50 minvalue 1 start 1;
select setval('activity_ids', coalesce((select max(id) from activity), 0) + 50);
alter table activity alter column id drop identity;
alter table activity alter column id set default nextval('activity_ids');
alter sequence activity_ids owned by activity.id;
