-- Release commits (issue #8): which commits a release contains, as sentry-cli's set-commits
-- records them, so that "resolved in commit" can find the first release that contains the commit.

alter table release
    add column url text,
    add column ref text,
    -- the release's newest commit (Sentry's Release.last_commit_id): where set-commits --local
    -- starts the next release's commit range
    add column last_commit_id bigint references repository_commit (id) on delete set null;

alter table repository add column date_created timestamptz not null default now();

create table release_commit (
    release_id    bigint not null references release (id) on delete cascade,
    commit_id     bigint not null references repository_commit (id) on delete cascade,
    -- position in the release's list, newest first (0), as Sentry orders ReleaseCommit
    commit_order  integer not null,
    primary key (release_id, commit_id)
);
-- "which releases contain this commit?"
create index release_commit_commit_idx on release_commit (commit_id);
