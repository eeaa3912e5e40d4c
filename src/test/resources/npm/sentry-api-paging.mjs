// Pages through an organization's lists with Sentry's generated TypeScript client (npm @sentry/api)
// the way a client does: it passes the cursor of the Link header's rel="next" while that says
// results="true". Configured by the environment; prints one JSON line per list: {step, status, pages, items}.
import {
  listYourOrganizations, listAnOrganization_sProjects, listAnOrganization_sTeams, listAnOrganization_sMembers,
} from '@sentry/api';

const cfg = { baseUrl: process.env.BASE, auth: process.env.TOKEN };
const org = { organization_id_or_slug: process.env.ORG };
const query = (cursor) => (cursor ? { query: { cursor } } : {});

function nextCursor(link) {
  const next = /rel="next"; results="(true|false)"; cursor="([^"]*)"/.exec(link ?? '');
  return next && next[1] === 'true' ? next[2] : null;
}

const lists = {
  organizations: (cursor) => listYourOrganizations({ ...cfg, auth: process.env.OWNER_TOKEN, ...query(cursor) }),
  projects: (cursor) => listAnOrganization_sProjects({ ...cfg, path: org, ...query(cursor) }),
  teams: (cursor) => listAnOrganization_sTeams({ ...cfg, path: org, ...query(cursor) }),
  members: (cursor) => listAnOrganization_sMembers({ ...cfg, path: org, ...query(cursor) }),
};

for (const [step, list] of Object.entries(lists)) {
  const pages = [];
  const items = [];
  let status = null;
  let cursor = null;
  try {
    do {
      const { response, data } = await list(cursor);
      status = response?.status ?? null;
      if (!Array.isArray(data)) {
        break;
      }
      pages.push(data.length);
      items.push(...data.map((item) => item.slug ?? item.id));
      cursor = nextCursor(response.headers.get('link'));
    } while (cursor && pages.length < 20);
    console.log(JSON.stringify({ step, status, pages, items }));
  } catch (e) {
    console.log(JSON.stringify({ step, status, pages, items, error: String(e) }));
  }
}
