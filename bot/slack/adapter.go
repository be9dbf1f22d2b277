package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/claimed"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/deps"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/httpbody"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/lograte"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/retry"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/work"
)

// Adapter answers Slack messages with a bot.
type Adapter struct {
	cfg      Config
	bot      *bot.Bot
	feedback bot.FeedbackRecorder
	log      *slog.Logger
	api      webAPI
	deps     deps.Deps
	events   *claimed.Events
	work     *work.Pool
	renders  renderCache
	// channels are Config.Channels by id.
	channels map[string]Channel
	// badSignatures rate-limits the log line of a refused signature.
	badSignatures *lograte.Limiter
	// botUser is the bot's own user id, learnt at Run.
	botUser atomic.Pointer[string]
	// socketUp says the Socket Mode connection is open.
	socketUp atomic.Bool
	// unseen are the configured channels the bot cannot see, once checked.
	unseen atomic.Pointer[[]string]
}

// New returns a Slack adapter for b. Feedback clicks go to feedback (nil
// keeps nothing); log receives one line per failure; opts give the other
// dependencies.
func New(cfg Config, b *bot.Bot, feedback bot.FeedbackRecorder, log *slog.Logger, opts ...Option) (*Adapter, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("slack: %w", err)
	}
	if b == nil {
		return nil, errors.New("slack: no bot")
	}
	cfg = cfg.withDefaults()
	d := newDeps(cfg.Workers, opts)
	if feedback == nil {
		feedback = bot.DiscardFeedback
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	sdkOpts := []slack.Option{slack.OptionHTTPClient(d.HTTPClient)}
	if cfg.APIURL != "" {
		sdkOpts = append(sdkOpts, slack.OptionAPIURL(cfg.APIURL))
	}
	if cfg.AppToken != "" {
		sdkOpts = append(sdkOpts, slack.OptionAppLevelToken(cfg.AppToken))
	}
	client := slack.New(cfg.BotToken, sdkOpts...)
	a := &Adapter{
		cfg: cfg, bot: b, feedback: feedback, log: log.With("adapter", adapterName),
		api: sdkClient{client}, deps: d,
		events:        claimed.New(d.Claims, log.With("adapter", adapterName), d.Now),
		badSignatures: lograte.New(httpbody.BadSignatureLogEvery, d.Now),
	}
	a.channels = make(map[string]Channel, len(cfg.Channels))
	for _, c := range cfg.Channels {
		a.channels[c.ID] = c
	}
	a.work = work.NewPool(cfg.Queue, func(v any) { a.panicked("worker", v, debug.Stack()) })
	return a, nil
}

// Handler serves the HTTP endpoints Slack calls: POST /slack/events,
// /slack/interactions and /slack/commands. Every request must carry a valid
// Slack signature.
func (a *Adapter) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST /slack/events", a.verified(a.serveEvents))
	mux.Handle("POST /slack/interactions", a.verified(a.serveInteractions))
	mux.Handle("POST /slack/commands", a.verified(a.serveCommands))
	return mux
}

// Run starts the workers, checks the bot token and the configured
// channels and, in Socket Mode, opens the connection to Slack, then blocks until ctx ends. While Slack cannot be
// reached it retries after the retry delay and Ready stays false; a token
// Slack refuses ends Run with an error. Once asked to stop, it lets queued
// answers finish (for up to the drain timeout) before returning.
func (a *Adapter) Run(ctx context.Context) error {
	a.work.Start(ctx, a.cfg.Workers)
	defer a.work.Stop(a.deps.Drain)
	a.log.Info("de-duplication store", "dedup_store", a.events.Name())

	if err := a.connect(ctx); err != nil {
		if ctx.Err() != nil {
			return nil // asked to stop before connecting
		}
		return err
	}
	a.checkChannels(ctx)
	if !a.cfg.SocketMode() {
		<-ctx.Done()
		return nil
	}
	if err := a.runSocketMode(ctx); err != nil && !errors.Is(err, context.Canceled) && ctx.Err() == nil {
		return err
	}
	return nil
}

// badToken are the auth.test errors that mean the token itself is wrong:
// retrying cannot help.
var badToken = map[string]bool{
	"invalid_auth": true, "not_authed": true, "account_inactive": true, "token_revoked": true,
}

// connect calls auth.test until it succeeds, learning who the bot is. It
// fails at once on a bad token, and otherwise only when ctx ends.
func (a *Adapter) connect(ctx context.Context) error {
	authTest := func() error {
		auth, err := a.api.AuthTestContext(ctx)
		if err != nil {
			return err
		}
		a.botUser.Store(&auth.UserID)
		a.log.Info("connected", "team", auth.Team, "bot_user", auth.UserID)
		return nil
	}
	refused := func(err error) error {
		if badToken[errorCode(err)] {
			return fmt.Errorf("bot_token refused by Slack: %w", err)
		}
		return nil
	}
	return retry.Until(ctx, authTest, refused, a.deps.RetryDelay, func(failures int, wait time.Duration, err error) {
		a.log.Warn("cannot reach Slack, retrying", "failures", failures, "retry_in", wait, "code", errorCode(err), "err", err)
	})
}

// Ready reports whether Run has checked the bot token and learnt who the
// bot is and, in Socket Mode, whether the connection to Slack is open.
func (a *Adapter) Ready() bool {
	return a.botUser.Load() != nil && (!a.cfg.SocketMode() || a.socketUp.Load())
}

// panicked logs and counts a recovered panic; where names what panicked.
func (a *Adapter) panicked(where string, v any, stack []byte) {
	a.log.Error(where+" panicked", "panic", v, "stack", string(stack))
	a.deps.Metrics.Panicked(adapterName)
}

// isSelf reports whether user is the bot itself.
func (a *Adapter) isSelf(user string) bool {
	self := a.botUser.Load()
	return self != nil && user != "" && user == *self
}

// delivered counts a reply sent, or failed with its error code.
func (a *Adapter) delivered(err error) {
	code := ""
	if err != nil {
		code = errorCode(err)
	}
	a.deps.Metrics.Delivered(adapterName, code)
}

// logFailure logs a failed Web API call once, with Slack's error code.
func (a *Adapter) logFailure(what string, err error, attrs ...any) {
	code := errorCode(err)
	level := slog.LevelError
	if permanent[code] {
		level = slog.LevelWarn // the reply is dropped; retrying cannot help
	}
	a.log.Log(context.Background(), level, what+" failed", append([]any{"code", code, "err", err}, attrs...)...)
}

// permanent are error codes where the reply is dropped: retrying cannot help.
var permanent = map[string]bool{
	"channel_not_found": true, "not_in_channel": true, "invalid_auth": true,
	"account_inactive": true, "is_archived": true, "token_revoked": true,
	"missing_scope": true, "restricted_action": true, "msg_too_long": true,
	"invalid_blocks": true, "response_url_refused": true,
}
