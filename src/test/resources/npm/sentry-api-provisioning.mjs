// Provisions a team, a project and a member through Sentry's generated TypeScript client (npm
// @sentry/api). Configured by the environment; prints one JSON line per step: {step, status, data, error}.
import { createANewTeam, createANewProject, addAMemberToAnOrganization } from '@sentry/api';

const cfg = { baseUrl: process.env.BASE, auth: process.env.TOKEN };
const org = { organization_id_or_slug: process.env.ORG };

const steps = {
  team: () => createANewTeam({ ...cfg, path: org, body: { slug: process.env.TEAM, name: 'Backend' } }),
  project: () => createANewProject({
    ...cfg, path: { ...org, team_id_or_slug: process.env.TEAM },
    body: { name: 'Payments', slug: process.env.PROJECT, platform: 'python' },
  }),
  member: () => addAMemberToAnOrganization({
    ...cfg, path: org,
    body: { email: process.env.EMAIL, orgRole: 'member', teamRoles: [{ teamSlug: process.env.TEAM, role: null }] },
  }),
};

for (const [step, call] of Object.entries(steps)) {
  try {
    const { response, data, error } = await call();
    console.log(JSON.stringify({ step, status: response?.status ?? null, data: data ?? null, error: error ?? null }));
  } catch (e) {
    console.log(JSON.stringify({ step, status: null, data: null, error: String(e) }));
  }
}
