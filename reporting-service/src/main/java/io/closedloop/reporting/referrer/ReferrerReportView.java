package io.closedloop.reporting.referrer;

import java.time.Instant;

public record ReferrerReportView(String referrerId, long referralsSent, Instant firstSentAt, Instant lastSentAt) {

    static ReferrerReportView of(ReferrerReport report) {
        return new ReferrerReportView(report.referrerId, report.referralsSent, report.firstSentAt, report.lastSentAt);
    }

    static ReferrerReportView empty(String referrerId) {
        return new ReferrerReportView(referrerId, 0, null, null);
    }
}
