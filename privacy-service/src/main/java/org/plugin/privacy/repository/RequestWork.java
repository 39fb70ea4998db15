package org.plugin.privacy.repository;

/** What the request worker still has to do for a request. */
public enum RequestWork {
    /** Gather the subject's data and store the ACCESS or PORTABILITY document. */
    EXPORT,
    /** Apply the requested changes in contributor-service. */
    RECTIFY,
    /** Set the restriction in contributor-service and atom-service. */
    RESTRICT,
    /** Lift a restriction set earlier. */
    LIFT,
    /** Create (or join) the subject's erasure job. */
    ERASE
}
