package io.closedloop.events.lead;

public enum ContactChannel {
    PHONE, EMAIL, MESSAGE, VIDEO, VISIT
}
