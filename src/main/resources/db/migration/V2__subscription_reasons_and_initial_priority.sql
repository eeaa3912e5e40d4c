-- Sentry's names for subscription reasons (notifications/types.py, SUBSCRIPTION_REASON_MAP):
-- a status change is "changed_status".
update issue_user_state set subscription_reason = 'changed_status' where subscription_reason = 'status_change';

-- The priority an issue was created with, which its first_seen activity shows. Where the
-- priority was never set by hand the current one is still the initial one; elsewhere it is
-- unknown (null, as Sentry shows it for groups without an initial priority).
alter table issue add column initial_priority text;
update issue set initial_priority = priority where priority_locked_at is null;
