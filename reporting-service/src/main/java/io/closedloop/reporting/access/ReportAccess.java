package io.closedloop.reporting.access;

import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.Caller;
import io.closedloop.platform.security.Roles;
import io.closedloop.reporting.query.Directory;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who sees what: agents their own scorecard and claims; managers their team's; referrers their own referrer report;
 * admins everything. Anything else answers 404, as if it did not exist.
 */
@ApplicationScoped
public class ReportAccess {

    private final Directory directory;

    ReportAccess(Directory directory) {
        this.directory = directory;
    }

    /** A person's scorecard, claims and discrepancies. */
    public void requirePerson(Caller caller, String personId) {
        if (caller.isAdmin() || caller.personId().equals(personId)) {
            return;
        }
        if (caller.isManager() && directory.manages(caller.personId(), personId)) {
            return;
        }
        throw ProblemException.notFound("person", personId);
    }

    /** A team's scorecard. */
    public void requireTeam(Caller caller, String teamId) {
        if (caller.isAdmin() || (caller.isManager() && directory.managesTeam(caller.personId(), teamId))) {
            return;
        }
        throw ProblemException.notFound("team", teamId);
    }

    /** A referrer's report: the referrer, admins, and managers, who look after referral relationships. */
    public void requireReferrer(Caller caller, String referrerId) {
        if (caller.isAdmin() || caller.isManager() || caller.personId().equals(referrerId)) {
            return;
        }
        throw ProblemException.notFound("referrer report", referrerId);
    }

    public static boolean isIntegrator(Caller caller) {
        return caller.is(Roles.INTEGRATOR) || caller.isAdmin();
    }
}
