package io.closedloop.leads.lead;

import org.eclipse.microprofile.openapi.annotations.media.DiscriminatorMapping;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A lead as one caller sees it: staff get the whole lead ({@link LeadView}, {@code "view": "staff"}), a referrer
 * what they may know of the lead they referred ({@link ReferrerLeadView}, {@code "view": "referrer"}). The
 * {@code view} property tells a client which it holds.
 */
@Schema(name = "Lead", description = "A lead in the caller's view of it; view tells which",
        oneOf = {LeadView.class, ReferrerLeadView.class}, discriminatorProperty = "view",
        discriminatorMapping = {
                @DiscriminatorMapping(value = LeadView.VIEW, schema = LeadView.class),
                @DiscriminatorMapping(value = ReferrerLeadView.VIEW, schema = ReferrerLeadView.class)})
public sealed interface LeadRepresentation permits LeadView, ReferrerLeadView {

    /** Which view this is: {@code staff} or {@code referrer}. */
    String view();
}
