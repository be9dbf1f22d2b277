package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/claimed"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/deps"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/httpbody"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/lograte"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/retry"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/work"
)

// Adapter answers Discord messages and interactions with a bot.
type Adapter struct {
	cfg       Config
	bot       *bot.Bot
	feedback  bot.FeedbackRecorder
	log       *slog.Logger
	rest      restAPI
	deps      deps.Deps
	gateway   gateway
	publicKey ed25519.PublicKey
	seen      *claimed.Events
	work      *work.Pool
	// badSignatures rate-limits the log line of a refused signature.
	badSignatures *lograte.Limiter
	// leaseErrors rate-limits the log lines of a failing lease store and
	// of a gateway that does not open while the lease is held.
	leaseErrors *lograte.Limiter
	// forums are the posts created in the forum channels; loggedOnce the
	// keys of forum problems already logged.
	forums     *forumPosts
	loggedOnce sync.Map
	// channels are Config.Channels by id.
	channels map[string]Channel

	started   atomic.Bool
	connected atomic.Bool
	// standingBy is true while another replica holds the gateway lease.
	standingBy atomic.Bool
	self       atomic.Pointer[string] // the bot's user id, from READY
	// unseen are the configured channels the bot cannot see, once checked.
	unseen atomic.Pointer[[]string]
}

// New returns a Discord adapter for b. Feedback clicks go to feedback (nil
// keeps nothing); log receives one line per failure; opts give the other
// dependencies.
func New(cfg Config, b *bot.Bot, feedback bot.FeedbackRecorder, log *slog.Logger, opts ...Option) (*Adapter, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("discord: %w", err)
	}
	if b == nil {
		return nil, errors.New("discord: no bot")
	}
	cfg = cfg.withDefaults()
	d := newDeps(cfg.Workers, opts)
	if feedback == nil {
		feedback = bot.DiscardFeedback
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	session, err := discordgo.New("Bot " + cfg.Token)
	if err != nil {
		return nil, fmt.Errorf("discord: %w", err)
	}
	session.Client = restClient(d.HTTPClient, cfg.APIURL)
	if d.Dialer != nil {
		session.Dialer = d.Dialer
	}
	session.Identify.Intents = discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	if cfg.MessageContent {
		session.Identify.Intents |= discordgo.IntentsMessageContent
	}
	if len(cfg.ForumChannelIDs) > 0 {
		session.Identify.Intents |= discordgo.IntentsGuilds // THREAD_CREATE
	}
	session.LogLevel = discordgo.LogError
	a := &Adapter{
		cfg: cfg, bot: b, feedback: feedback, log: log.With("adapter", adapterName),
		rest: session, gateway: session, deps: d, seen: claimed.New(d.Claims, log.With("adapter", adapterName), d.Now),
		badSignatures: lograte.New(httpbody.BadSignatureLogEvery, d.Now),
		leaseErrors:   lograte.New(time.Minute, d.Now),
		forums:        newForumPosts(),
	}
	a.channels = make(map[string]Channel, len(cfg.Channels))
	for _, c := range cfg.Channels {
		a.channels[c.ID] = c
	}
	a.work = work.NewPool(cfg.Queue, func(v any) { a.panicked("worker", "answer", v, debug.Stack()) })
	if cfg.PublicKey != "" {
		key, _ := hex.DecodeString(cfg.PublicKey) // validated
		a.publicKey = ed25519.PublicKey(key)
	}
	session.AddHandler(recovered(a, "READY", a.onReady))
	session.AddHandler(recovered(a, "RESUMED", func(*discordgo.Session, *discordgo.Resumed) { a.connected.Store(true) }))
	session.AddHandler(recovered(a, "DISCONNECT", func(*discordgo.Session, *discordgo.Disconnect) { a.connected.Store(false) }))
	session.AddHandler(recovered(a, "THREAD_CREATE", a.onThreadCreate))
	session.AddHandler(recovered(a, "MESSAGE_CREATE", a.onMessage))
	session.AddHandler(inBackground(recovered(a, "INTERACTION_CREATE", a.onInteraction)))
	// Events are handled in the order they arrive, on the gateway's reader:
	// every handler returns at once (messages are answered on the worker
	// pool), except the interactions', which call REST and so run on their
	// own goroutine.
	session.SyncEvents = true
	return a, nil
}

// Handler serves the HTTP interactions endpoint, POST /discord/interactions.
func (a *Adapter) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST /discord/interactions", httpbody.Signed(maxBody, a.signed, a.badSignatures, a.log, "invalid request signature", a.serveInteractions))
	return mux
}

// Ready reports whether the adapter has started and, when it uses the
// gateway, is connected to it or stands by while another replica holds
// the gateway lease.
func (a *Adapter) Ready() bool {
	return a.started.Load() && (!a.cfg.GatewayOn() || a.connected.Load() || a.standingBy.Load())
}

// leased reports whether the gateway session is held under a lease.
func (a *Adapter) leased() bool { return a.cfg.GatewayOn() && a.deps.Leases != nil }

// Run registers the slash command (when a token is set), connects to the
// gateway (when on), checks the configured channels and blocks until ctx
// ends. While Discord cannot be
// reached it retries after the retry delay and Ready stays false; a token
// Discord refuses (401) ends Run with an error. discordgo reconnects and
// resumes by itself after a dropped connection. With a gateway lease
// (WithGatewayLease), the gateway is open only while this process holds
// the lease. On return, queued answers have finished or the drain timeout
// has passed.
func (a *Adapter) Run(ctx context.Context) error {
	a.work.Start(ctx, a.cfg.Workers)
	defer a.work.Stop(a.deps.Drain)
	a.log.Info("de-duplication store", "dedup_store", a.seen.Name())

	if err := a.connect(ctx); err != nil {
		if ctx.Err() != nil {
			return nil // asked to stop before connecting
		}
		return err
	}
	a.checkChannels(ctx)
	if a.leased() {
		a.started.Store(true)
		a.log.Info("started", "gateway", "leased", "http_interactions", a.publicKey != nil)
		a.holdGateway(ctx)
		return nil
	}
	if a.cfg.GatewayOn() {
		defer a.gateway.Close()
	}
	a.started.Store(true)
	a.log.Info("started", "gateway", a.cfg.GatewayOn(), "http_interactions", a.publicKey != nil)
	<-ctx.Done()
	return nil
}

// connect registers the command and opens the gateway, retrying what
// fails until it succeeds; the command is registered once. It fails at once
// on a refused token, and otherwise only when ctx ends.
func (a *Adapter) connect(ctx context.Context) error {
	registered := a.cfg.Token == ""
	attempt := func() error {
		if !registered {
			if err := a.registerCommand(ctx); err != nil {
				return err
			}
			registered = true
		}
		if a.cfg.GatewayOn() && !a.leased() {
			if err := a.gateway.Open(); err != nil {
				return fmt.Errorf("open gateway: %w", err)
			}
		}
		return nil
	}
	refused := func(err error) error {
		var re *discordgo.RESTError
		if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusUnauthorized {
			return refusedToken{re}
		}
		return nil
	}
	return retry.Until(ctx, attempt, refused, a.deps.RetryDelay, func(failures int, wait time.Duration, err error) {
		a.log.Warn("cannot reach Discord, retrying", "failures", failures, "retry_in", wait, "code", errorCode(err), "err", err)
	})
}

// refusedToken is the error of a token Discord refuses: one line, without
// the response body.
type refusedToken struct{ err *discordgo.RESTError }

func (e refusedToken) Error() string {
	return "token refused by Discord (HTTP " + e.err.Response.Status + "): check discord.token"
}

func (e refusedToken) Unwrap() error { return e.err }

// command is the slash command: an optional question, autocompleted with
// the topics.
func command() *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Name:        CommandName,
		Description: "Get help with an identity verification step",
		Options: []*discordgo.ApplicationCommandOption{{
			Type:         discordgo.ApplicationCommandOptionString,
			Name:         "question",
			Description:  "What is happening? Leave it empty to see the topics.",
			Autocomplete: true,
		}},
	}
}

// registerCommand overwrites the application's commands with /verifyhelp
// and the "Ask helpdeskbot" message command, in each configured guild
// (where they appear at once) or globally, where they can also be
// installed by a person and used in direct and group messages.
func (a *Adapter) registerCommand(ctx context.Context) error {
	guilds := a.cfg.GuildIDs
	if len(guilds) == 0 {
		guilds = []string{""}
	}
	for _, g := range guilds {
		_, err := a.rest.ApplicationCommandBulkOverwrite(a.cfg.ApplicationID, g, commands(g), discordgo.WithContext(ctx))
		if err != nil {
			return fmt.Errorf("register /%s (guild %q): %w", CommandName, g, err)
		}
	}
	return nil
}

func (a *Adapter) onReady(_ *discordgo.Session, r *discordgo.Ready) {
	if r.User != nil {
		id := r.User.ID
		a.self.Store(&id)
	}
	a.connected.Store(true)
}

// logFailure logs a failed REST call once, with Discord's error code.
func (a *Adapter) logFailure(what string, err error, attrs ...any) {
	code := errorCode(err)
	level := slog.LevelError
	if permanent[code] {
		level = slog.LevelWarn // the reply is dropped; retrying cannot help
	}
	a.log.Log(context.Background(), level, what+" failed", append([]any{"code", code, "err", err}, attrs...)...)
}

// permanent are Discord error codes where the reply is dropped.
var permanent = map[int]bool{
	10003: true, // unknown channel
	10008: true, // unknown message
	50001: true, // missing access
	50007: true, // cannot send messages to this user
	50013: true, // missing permissions
}

// deliveryCode names a failed delivery for metrics: Discord's error code,
// or "request_failed".
func deliveryCode(err error) string {
	if code := errorCode(err); code != 0 {
		return strconv.Itoa(code)
	}
	return "request_failed"
}

// errorCode is Discord's JSON error code of err, or 0.
func errorCode(err error) int {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Message != nil {
		return re.Message.Code
	}
	return 0
}
