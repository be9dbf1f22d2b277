// Package slack connects the bot to Slack: the Events API over HTTP or
// Socket Mode, the slash command, buttons and menus, and replies in Block Kit.
//
// Answering happens after Slack's request is acknowledged, on a bounded pool
// of workers, so a slow Web API never makes Slack retry; retried events are
// answered once.
package slack

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gorilla/websocket"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/retry"
)

// Config configures the Slack adapter.
type Config struct {
	// BotToken is the bot's OAuth token (xoxb-...). The adapter is off without it.
	BotToken string
	// SigningSecret verifies requests to the HTTP endpoints.
	SigningSecret string
	// AppToken (xapp-...) turns on Socket Mode.
	AppToken string
	// APIURL is the Web API base URL; empty means Slack's.
	APIURL string
	// Command is the slash command, "/verifyhelp" by default.
	Command string
	// Workers answer events after they are acknowledged; Queue bounds the
	// events waiting for a worker.
	Workers, Queue int
	// HTTPClient makes the Web API calls; nil means one with a 10 s timeout
	// that keeps a connection per worker.
	HTTPClient *http.Client
	// WebsocketDialer dials the Socket Mode connection; nil means gorilla's
	// default.
	WebsocketDialer *websocket.Dialer
	// Events receives counts for metrics; nil keeps nothing.
	Events bot.Events
	// DrainTimeout bounds how long Run waits, once asked to stop, for
	// answers already queued; zero means 10 seconds.
	DrainTimeout time.Duration
	// RetryDelay is how long Run waits, after the given number of failures
	// in a row to reach Slack, before trying again; nil means from 1 s,
	// doubling to 2 minutes, with jitter.
	RetryDelay func(failures int) time.Duration
	// Now is the clock of the adapter's log rate limits; nil means
	// time.Now.
	Now func() time.Time
}

// Defaults for Config.
const (
	DefaultCommand = "/verifyhelp"
	DefaultWorkers = 8
	DefaultQueue   = 1024
)

// Enabled reports whether any Slack setting is present.
func (c Config) Enabled() bool {
	return c.BotToken != "" || c.SigningSecret != "" || c.AppToken != ""
}

// SocketMode reports whether the adapter connects over Socket Mode.
func (c Config) SocketMode() bool { return c.AppToken != "" }

// Validate reports the first problem, naming the configuration key.
func (c Config) Validate() error {
	switch {
	case c.BotToken == "":
		return errors.New("bot_token: required when any Slack setting is given")
	case c.SigningSecret == "" && c.AppToken == "":
		return errors.New("signing_secret: required for the HTTP endpoints (or set app_token for Socket Mode)")
	case c.AppToken != "" && !strings.HasPrefix(c.AppToken, "xapp-"):
		return errors.New("app_token: an app-level token starts with xapp-")
	case c.Command != "" && (!strings.HasPrefix(c.Command, "/") || strings.ContainsAny(c.Command, " \t")):
		return fmt.Errorf("command: %q is not a slash command like /verifyhelp", c.Command)
	case c.Workers < 0 || c.Queue < 0:
		return errors.New("workers: must not be negative")
	}
	if c.APIURL != "" {
		u, err := url.Parse(c.APIURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("api_url: %q is not an http(s) URL", c.APIURL)
		}
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.Command == "" {
		c.Command = DefaultCommand
	}
	if c.Workers == 0 {
		c.Workers = DefaultWorkers
	}
	if c.Queue == 0 {
		c.Queue = DefaultQueue
	}
	if c.HTTPClient == nil {
		// One idle connection per worker, so that busy workers reuse their
		// connections to Slack instead of opening new ones.
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = c.Workers
		c.HTTPClient = &http.Client{Timeout: 10 * time.Second, Transport: t}
	}
	if c.Events == nil {
		c.Events = bot.NoEvents
	}
	if c.DrainTimeout <= 0 {
		c.DrainTimeout = 10 * time.Second
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.RetryDelay == nil {
		c.RetryDelay = retry.Default
	}
	if c.APIURL != "" && !strings.HasSuffix(c.APIURL, "/") {
		c.APIURL += "/" // slack-go joins method names to it
	}
	return c
}
