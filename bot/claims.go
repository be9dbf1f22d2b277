package bot

import (
	"context"
	"time"
)

// DefaultClaimLease is how long a claim holds an event for the process
// that took it before a retry may take it over, when nothing else is set.
const DefaultClaimLease = 30 * time.Second

// DefaultClaimRetention is how long a claim is kept, answered or not, when
// nothing else is set: longer than the platforms retry an event (Slack
// retries for about an hour at most).
const DefaultClaimRetention = time.Hour

// Claims decides which process answers an event, so that an event
// delivered several times (a platform's retries, a replay after a
// reconnection, the same event reaching two replicas) is answered once.
// Keys name an event and its platform ("slack:Ev123", "discord:1234").
// Implementations must be safe for concurrent use.
//
// Claim takes key for lease and reports whether the caller won it: the
// first claimer wins; a claim that was neither marked done nor released
// expires after its lease, so that a later delivery is answered when the
// process holding it died. An error means the store could not decide;
// adapters then answer anyway, as a missed repeat costs less than a lost
// answer.
//
// Done marks key answered: every later claim of it fails until the claim
// is deleted, after the store's retention.
//
// Release gives key back after the caller refused the event (busy): a
// retry may claim it at once. It releases only a claim that is not done.
type Claims interface {
	Claim(ctx context.Context, key string, lease time.Duration) (bool, error)
	Done(ctx context.Context, key string) error
	Release(ctx context.Context, key string) error
}

// ClaimsWithLease is c with every claim taken for lease, whatever lease
// its callers ask for: how a deployment sets how long a replica that
// died keeps an event from the others (state.claim_lease).
func ClaimsWithLease(c Claims, lease time.Duration) Claims { return leasedClaims{c, lease} }

type leasedClaims struct {
	Claims
	lease time.Duration
}

func (l leasedClaims) Claim(ctx context.Context, key string, _ time.Duration) (bool, error) {
	return l.Claims.Claim(ctx, key, l.lease)
}
