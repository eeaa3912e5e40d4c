// Drives Sentry's generated TypeScript client (npm @sentry/api) through the organization and
// project reads. Configured by the environment; prints one JSON line per step: {step, status, data, error}.
import {
  listYourOrganizations, retrieveAnOrganization, listAnOrganization_sProjects, retrieveAProject,
  listAnOrganization_sMembers, listAnOrganization_sTeams,
} from '@sentry/api';

const cfg = { baseUrl: process.env.BASE, auth: process.env.TOKEN };
const org = { organization_id_or_slug: process.env.ORG };

const steps = {
  organizations: () => listYourOrganizations({ ...cfg }),
  organization: () => retrieveAnOrganization({ ...cfg, path: org }),
  projects: () => listAnOrganization_sProjects({ ...cfg, path: org }),
  project: () => retrieveAProject({ ...cfg, path: { ...org, project_id_or_slug: process.env.PROJECT } }),
  members: () => listAnOrganization_sMembers({ ...cfg, path: org }),
  teams: () => listAnOrganization_sTeams({ ...cfg, path: org }),
  foreign: () => retrieveAnOrganization({ ...cfg, path: { organization_id_or_slug: process.env.FOREIGN } }),
};

for (const [step, call] of Object.entries(steps)) {
  try {
    const { response, data, error } = await call();
    console.log(JSON.stringify({ step, status: response?.status ?? null, data: data ?? null, error: error ?? null }));
  } catch (e) {
    console.log(JSON.stringify({ step, status: null, data: null, error: String(e) }));
  }
}
