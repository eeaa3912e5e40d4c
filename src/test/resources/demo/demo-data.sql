-- Demo data: loaded by the run command (and the tests) into a fresh database, never by a
-- production start. Described in README.md ("Demo data").

insert into organization (id, slug, name, date_created) values
    (1, 'the-interstellar-jurisdiction', 'The Interstellar Jurisdiction', '2018-11-06T21:00:00Z'),
    (2, 'the-rebel-alliance', 'The Rebel Alliance', '2018-11-06T21:00:00Z');

insert into project (id, organization_id, slug, name, platform, next_short_id, date_created) values
    (2, 1, 'pump-station', 'Pump Station', null, 4, '2018-11-06T21:05:00Z'),
    (3, 1, 'prime-mover', 'Prime Mover', 'python', 3, '2018-11-06T21:06:00Z'),
    (4, 2, 'echo-base', 'Echo Base', 'javascript', 2, '2018-11-06T21:07:00Z');

-- one client key per project (fixed for the demo, so the README's DSNs work as printed)
insert into client_key (project_id, label, public_key, secret_key, date_created) values
    (2, 'Default', 'a2d0c0ffee5e4d1e9a1b2c3d4e5f6a02', 'f1e2d3c4b5a697887766554433221102', '2018-11-06T21:05:00Z'),
    (3, 'Default', 'a3d0c0ffee5e4d1e9a1b2c3d4e5f6a03', 'f1e2d3c4b5a697887766554433221103', '2018-11-06T21:06:00Z'),
    (4, 'Default', 'a4d0c0ffee5e4d1e9a1b2c3d4e5f6a04', 'f1e2d3c4b5a697887766554433221104', '2018-11-06T21:07:00Z');

insert into app_user (id, username, email, name, jwt_subject) values
    (1, 'jane', 'jane@example.com', 'Jane Doe', 'jane'),
    (2, 'john', 'john@example.com', 'John Doe', 'john'),
    (3, 'leia', 'leia@example.com', 'Leia Organa', 'leia');

insert into organization_member (organization_id, user_id, role) values
    (1, 1, 'owner'),
    (1, 2, 'member'),
    (2, 3, 'owner');

insert into team (id, organization_id, slug, name) values
    (1, 1, 'powerful-abolitionist', 'Powerful Abolitionist'),
    (2, 2, 'rebels', 'Rebels');

insert into team_member (team_id, user_id) values (1, 1), (2, 3);

insert into project_team (project_id, team_id) values (2, 1), (3, 1), (4, 2);

insert into release (id, organization_id, version, date_created, date_released) values
    (1, 1, '1.0.0', '2020-02-01T09:00:00Z', '2020-02-01T10:00:00Z'),
    (2, 1, '1.1.0', '2020-03-01T09:00:00Z', '2020-03-01T10:00:00Z');

insert into release_project (release_id, project_id) values (1, 2), (2, 2);

insert into repository (id, organization_id, name) values (1, 1, 'interstellar/pump-station');

insert into repository_commit (id, repository_id, commit_key, message, date_added) values
    (1, 1, '8f3c4a1b2d5e6f708192a3b4c5d6e7f8091a2b3c', 'Guard the pressure valve against division by zero', '2020-03-11T08:00:00Z'),
    (2, 1, '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d', 'Retry the pump handshake', '2020-03-12T08:00:00Z');

-- Issue 1 is the example of Sentry's API documentation.
insert into issue (id, project_id, short_id_number, title, culprit, level, platform, type, issue_type,
                   issue_category, logger, metadata, times_seen, user_count, first_seen, last_seen,
                   status, substatus, priority, first_release_id, last_release_id) values
    (1, 2, 1, 'This is an example python exception', 'raven.scripts.runner in main', 'error', 'python',
     'default', 'error', 'error', null, '{"title": "This is an example python exception"}', 1, 1,
     '2020-03-10T16:08:53.520970Z', '2020-03-10T16:08:53.520970Z', 'unresolved', 'ongoing', 'medium',
     null, null),
    (2, 2, 2, 'ZeroDivisionError: division by zero', 'pump.pressure in compute_ratio', 'error', 'python',
     'error', 'error', 'error', 'pump', '{"type": "ZeroDivisionError", "value": "division by zero", "filename": "pump/pressure.py"}', 57, 9,
     '2020-03-02T11:20:01.000000Z', '2020-03-09T17:45:12.250000Z', 'resolved', null, 'high', 1, 2),
    (3, 2, 3, 'ConnectionResetError: [Errno 104] Connection reset by peer', 'pump.telemetry in flush',
     'warning', 'python', 'error', 'error', 'error', 'telemetry',
     '{"type": "ConnectionResetError", "value": "[Errno 104] Connection reset by peer", "filename": "pump/telemetry.py"}', 312, 4,
     '2020-02-14T08:00:00.000000Z', '2020-03-10T09:15:30.125000Z', 'ignored', 'archived_forever', 'low', 1, 2),
    (4, 3, 1, 'KeyError: ''user_id''', 'mover.sessions in load', 'fatal', 'python', 'error', 'error', 'error',
     null, '{"type": "KeyError", "value": "''user_id''", "filename": "mover/sessions.py"}', 1204, 311,
     '2020-01-20T12:00:00.000000Z', '2020-03-10T15:59:59.999999Z', 'unresolved', 'escalating', 'high', null, null),
    (5, 3, 2, 'Slow query on mover.routes', 'mover.routes in plan', 'info', 'python', 'default', 'error', 'error',
     null, '{"title": "Slow query on mover.routes"}', 3, 1,
     '2020-03-08T07:30:00.000000Z', '2020-03-08T07:45:00.000000Z', 'unresolved', 'new', 'low', null, null),
    (6, 4, 1, 'TypeError: Cannot read properties of undefined (reading ''shield'')', 'base.shield in raise',
     'error', 'javascript', 'error', 'error', 'error', null,
     '{"type": "TypeError", "value": "Cannot read properties of undefined (reading ''shield'')", "filename": "app/shield.js"}', 88, 23,
     '2020-03-01T00:00:00.000000Z', '2020-03-10T12:00:00.000000Z', 'unresolved', 'ongoing', 'medium', null, null);

update issue set resolved_at = '2020-03-09T18:00:00Z', resolution_actor_id = 2 where id = 2;
update issue set snooze_actor_id = 2 where id = 3;
-- nobody set a demo issue's priority by hand: each still has the one it was created with
update issue set initial_priority = priority;

insert into activity (issue_id, project_id, user_id, type, data, date_created) values
    (2, 2, 2, 'set_resolved', '{}', '2020-03-09T18:00:00Z'),
    (3, 2, 2, 'set_ignored', '{"ignoreUntilEscalating": false}', '2020-03-10T09:20:00Z');

-- explicit ids above: move the identity sequences past them
select setval(pg_get_serial_sequence('organization', 'id'), (select max(id) from organization));
select setval(pg_get_serial_sequence('project', 'id'), (select max(id) from project));
select setval(pg_get_serial_sequence('app_user', 'id'), (select max(id) from app_user));
select setval(pg_get_serial_sequence('team', 'id'), (select max(id) from team));
select setval(pg_get_serial_sequence('release', 'id'), (select max(id) from release));
select setval(pg_get_serial_sequence('repository', 'id'), (select max(id) from repository));
select setval(pg_get_serial_sequence('repository_commit', 'id'), (select max(id) from repository_commit));
select setval(pg_get_serial_sequence('issue', 'id'), (select max(id) from issue));
