package dev.triage.organization.control;

import dev.triage.organization.entity.Organization;
import dev.triage.organization.entity.OrganizationMember;
import dev.triage.organization.entity.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The writes of {@link ClaimedMemberships}: one transaction per request that carries the claim. */
@ApplicationScoped
@Transactional
public class MembershipGrants {

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    /** Makes the user a member of each existing organization in {@code wanted}, with that role. */
    public void grant(Long user, Map<String, Role> wanted) {
        List<Organization> organizations = em.createQuery("select o from Organization o where o.slug in :slugs"
                + " and o.status = 'active'", Organization.class).setParameter("slugs", wanted.keySet()).getResultList();
        for (Organization organization : organizations) {
            Role role = wanted.get(organization.slug());
            OrganizationMember member = em.find(OrganizationMember.class,
                    new OrganizationMember.Key(organization.id(), user));
            if (member == null) {
                // concurrent first requests of one person: one membership, no failed request
                em.createNativeQuery("insert into organization_member (organization_id, user_id, role, date_created)"
                                + " values (:org, :user, :role, :now) on conflict do nothing")
                        .setParameter("org", organization.id()).setParameter("user", user)
                        .setParameter("role", role.id()).setParameter("now", clock.instant()).executeUpdate();
            } else if (member.role() != role && !onlyOwner(member)) {
                member.changeRole(role);
            }
        }
    }

    private boolean onlyOwner(OrganizationMember member) {
        return member.role() == Role.OWNER && em.createQuery("select count(m) from OrganizationMember m"
                        + " where m.organizationId = :org and m.role = 'owner'", Long.class)
                .setParameter("org", member.organizationId()).getSingleResult() <= 1;
    }
}
