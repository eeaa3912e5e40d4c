package dev.triage.organization.control;

import dev.triage.identity.control.Caller;
import dev.triage.identity.entity.User;
import dev.triage.organization.entity.NotFound;
import dev.triage.organization.entity.Organization;
import dev.triage.organization.entity.OrganizationMember;
import dev.triage.organization.entity.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tenancy: finds the organizations the caller is a member of, with what they may do there. An
 * organization the caller is not a member of, a removed one and one that does not exist are all
 * the same {@link NotFound}.
 */
@ApplicationScoped
public class AccessControl {

    private static final String MEMBERSHIPS = """
            select o, m, me from Organization o, OrganizationMember m, User me
            where me.subject = :subject and m.userId = me.id and m.organizationId = o.id
              and o.status = '""" + Status.ACTIVE + "'";

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    /**
     * The caller's access to the organization a path names ({@code slugOrId}).
     *
     * @throws NotFound when the caller is not a member of a live organization of that slug or id
     */
    public Access access(Caller caller, String slugOrId) {
        List<Object[]> rows = em.createQuery(MEMBERSHIPS + " and (o.slug = :org or cast(o.id as String) = :org)",
                        Object[].class)
                .setParameter("subject", caller.subject())
                .setParameter("org", slugOrId)
                .getResultList();
        if (rows.isEmpty()) {
            throw new NotFound("organization " + slugOrId);
        }
        Object[] row = rows.get(0);
        Organization organization = (Organization) row[0];
        User user = (User) row[2];
        Set<Long> teams = new HashSet<>(em.createQuery("""
                        select tm.teamId from TeamMember tm, Team t
                        where tm.userId = :user and t.id = tm.teamId and t.organization.id = :org
                          and t.status = 'active'""", Long.class)
                .setParameter("user", user.id())
                .setParameter("org", organization.id())
                .getResultList());
        return new Access(user, organization, (OrganizationMember) row[1], teams, caller.scopes());
    }

    /** Every live organization the caller is a member of, newest first (Sentry's default order). */
    public List<Access> memberships(Caller caller) {
        List<Object[]> rows = em.createQuery(MEMBERSHIPS + " order by o.dateCreated desc, o.id desc", Object[].class)
                .setParameter("subject", caller.subject())
                .getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        User user = (User) rows.get(0)[2];
        Map<Long, Set<Long>> teams = new HashMap<>();
        for (Object[] t : em.createQuery("""
                        select t.organization.id, t.id from TeamMember tm, Team t
                        where tm.userId = :user and t.id = tm.teamId and t.status = 'active'""", Object[].class)
                .setParameter("user", user.id())
                .getResultList()) {
            teams.computeIfAbsent((Long) t[0], k -> new HashSet<>()).add((Long) t[1]);
        }
        return rows.stream().map(row -> {
            Organization organization = (Organization) row[0];
            return new Access(user, organization, (OrganizationMember) row[1],
                    teams.getOrDefault(organization.id(), Set.of()), caller.scopes());
        }).toList();
    }
}
