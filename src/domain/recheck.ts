// The re-check's rules, pure: no storage, no network, no clock but the `now` they are given.

/** A queued visit (the RECHECK_QUEUE message body): the claim and the lease the cron took for it. */
export interface RecheckMessage {
  claimId: string;
  lease: string;
}
