package discord

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// gatewayShard is the one shard a session is: shard 0 of 1.
const gatewayShard = "0"

// leaseName names the lease of the bot's gateway shard: the same for
// every replica running with the token, apart from any other bot's. The
// token itself is never stored, only a hash of it.
func (a *Adapter) leaseName() string {
	sum := sha256.Sum256([]byte(a.cfg.Token))
	return "discord:gateway:" + hex.EncodeToString(sum[:8]) + ":" + gatewayShard
}

// newHolder names this adapter as a lease holder.
func newHolder() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// holdGateway runs the gateway session while this process holds its lease,
// until ctx ends. Every third of the lease it renews the lease (holding)
// or tries to take it (standing by): once it holds it, it opens the
// session; once another holds it, it closes the session. A store that
// fails changes nothing: a holder keeps its session, since the replicas
// standing by cannot take the lease either, and a replica standing by
// goes on standing by. When ctx ends, the session is closed and the lease
// released, so that a replica standing by takes over at its next try.
func (a *Adapter) holdGateway(ctx context.Context) {
	l, ttl, name, holder := a.deps.Leases, a.deps.LeaseTTL, a.leaseName(), newHolder()
	every := ttl / 3
	open := false
	defer func() {
		if open {
			a.gateway.Close()
			a.connected.Store(false)
		}
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), every)
		defer cancel()
		if err := l.Release(rctx, name, holder); err != nil {
			a.leaseFailed("release", err)
		}
	}()
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		actx, cancel := context.WithTimeout(ctx, every)
		held, err := l.Acquire(actx, name, holder, ttl)
		cancel()
		switch {
		case err != nil:
			if ctx.Err() == nil {
				a.leaseFailed("acquire", err)
			}
		case held && !open:
			if err := a.gateway.Open(); err != nil {
				if ok, suppressed := a.leaseErrors.Allow(); ok {
					a.log.Warn("holding the gateway lease, cannot open the gateway, retrying", "code", errorCode(err), "err", err, "suppressed", suppressed)
				}
				break
			}
			open = true
			a.log.Info("gateway lease taken: connected to the gateway", "lease", name)
		case !held && open:
			a.gateway.Close()
			open = false
			a.connected.Store(false)
			a.log.Warn("gateway lease lost to another replica: disconnected from the gateway", "lease", name)
		}
		// Standing by (and ready) once it is decided that another replica
		// holds the lease, or cannot be decided; not while holding it
		// without a session.
		a.standingBy.Store(!open && (err != nil || !held))
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// leaseFailed logs a failed call to the lease store, at most once a
// minute (with the failures to open the gateway while holding the lease).
func (a *Adapter) leaseFailed(op string, err error) {
	if ok, suppressed := a.leaseErrors.Allow(); ok {
		a.log.Warn("gateway lease store failed: keeping the gateway as it is", "op", op, "err", err, "suppressed", suppressed)
	}
}
