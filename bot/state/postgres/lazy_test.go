package postgres_test

import (
	"context"
	"io"
	"net"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/state/postgres"
	"github.com/helpdeskbot/helpdeskbot/bot/state/statetest"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// switchProxy forwards connections on a loopback port to target while up,
// and closes them at once while down: a database that does not answer yet.
type switchProxy struct {
	ln     net.Listener
	target string
	up     atomic.Bool
}

func startSwitchProxy(t *testing.T, target string) *switchProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &switchProxy{ln: ln, target: target}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			if !p.up.Load() {
				c.Close()
				continue
			}
			go func() {
				defer c.Close()
				d, err := net.Dial("tcp", p.target)
				if err != nil {
					return
				}
				defer d.Close()
				go io.Copy(d, c)
				io.Copy(c, d)
			}()
		}
	}()
	return p
}

// TestOpenLazyWhileTheDatabaseIsDown: a store opened while the database
// does not answer fails its calls (so that serve answers from memory)
// and, once the database answers, migrates and shares.
func TestOpenLazyWhileTheDatabaseIsDown(t *testing.T) {
	dsn := statetest.PostgresSchema(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	p := startSwitchProxy(t, u.Host)
	u.Host = p.ln.Addr().String()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, ready, err := postgres.OpenLazy(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	if ready == nil {
		t.Fatal("OpenLazy said ready with the database down")
	}
	if _, err := s.Claims().Claim(ctx, "ev-1", time.Minute); err == nil {
		t.Fatal("a claim succeeded with the database down")
	}
	p.up.Store(true)
	testkit.WaitFor(t, "the store to connect and migrate", func() bool {
		won, err := s.Claims().Claim(ctx, "ev-1", time.Minute)
		return err == nil && won
	})
	// Shared now: a second store on the same database sees the claim.
	other := open(t, dsn)
	if won, err := other.Claims().Claim(ctx, "ev-1", time.Minute); err != nil || won {
		t.Errorf("another replica's claim of ev-1 = %v, %v; want taken", won, err)
	}
}
