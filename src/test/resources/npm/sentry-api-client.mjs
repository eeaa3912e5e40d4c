// Drives Sentry's generated TypeScript client (npm @sentry/api) against the service under test.
// Configured by the environment; prints one JSON line per step: {step, status, data, error}.
import {
  retrieveAnIssue, updateAnIssue, removeAnIssue, listAProject_sIssues,
  bulkMutateAListOfIssues, bulkMutateAnOrganization_sIssues,
} from '@sentry/api';

const cfg = { baseUrl: process.env.BASE, auth: process.env.TOKEN };
const org = { organization_id_or_slug: process.env.ORG };
const project = { ...org, project_id_or_slug: process.env.PROJECT };
const one = process.env.ONE;
const pair = [Number(process.env.A), Number(process.env.B)];

const steps = {
  retrieve: () => retrieveAnIssue({ ...cfg, path: { ...org, issue_id: one } }),
  update: () => updateAnIssue({ ...cfg, path: { ...org, issue_id: one }, body: { status: 'resolved' } }),
  list: () => listAProject_sIssues({ ...cfg, path: project, query: { query: '' } }),
  bulkProject: () => bulkMutateAListOfIssues({ ...cfg, path: project, query: { id: pair }, body: { status: 'ignored' } }),
  bulkOrganization: () => bulkMutateAnOrganization_sIssues({
    ...cfg, path: org, query: { id: pair }, body: { isBookmarked: true },
  }),
  remove: () => removeAnIssue({ ...cfg, path: { ...org, issue_id: one } }),
};

for (const [step, call] of Object.entries(steps)) {
  try {
    const { response, data, error } = await call();
    console.log(JSON.stringify({ step, status: response?.status ?? null, data: data ?? null, error: error ?? null }));
  } catch (e) {
    console.log(JSON.stringify({ step, status: null, data: null, error: String(e) }));
  }
}
