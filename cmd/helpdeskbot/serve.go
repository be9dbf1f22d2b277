package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/bot/console"
	"github.com/helpdeskbot/helpdeskbot/bot/discord"
	"github.com/helpdeskbot/helpdeskbot/bot/httpapi"
	"github.com/helpdeskbot/helpdeskbot/bot/metrics"
	"github.com/helpdeskbot/helpdeskbot/bot/reload"
	"github.com/helpdeskbot/helpdeskbot/bot/slack"
	"github.com/helpdeskbot/helpdeskbot/intents"
)

func (a *app) serveCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "serve",
		Short: "Run the HTTP listener and every configured chat adapter",
		Long: "serve listens on http.addr (HELPDESK_HTTP_ADDR, default 127.0.0.1:8080) with\n" +
			"POST /v1/ask, GET /healthz, /readyz and /metrics, and runs every chat adapter whose\n" +
			"configuration is present. It reloads the knowledge folder when it changes or on\n" +
			"SIGHUP, and stops on SIGINT or SIGTERM, finishing the answers under way.",
		Example: "  helpdeskbot serve --knowledge ./knowledge\n" +
			"  HELPDESK_API_TOKEN=... helpdeskbot --config helpdeskbot.yaml serve --http-addr 0.0.0.0:8080",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.cfg.ValidateServe(); err != nil {
				return configError{err}
			}
			log := newLogger(a.stderr, a.cfg.Log)
			m := metrics.New()
			images, _ := a.cfg.Guard.ImageGuard() // checked by Validate
			var conversations bot.ConversationStore = bot.NewMemoryConversations(a.cfg.Conversation.MaxEntries, nil)
			var shared *sharedState
			if a.cfg.State.PostgresURL != "" {
				var err error
				if shared, err = openSharedState(cmd.Context(), a.cfg.State, conversations, log, m); err != nil {
					return exitError{code: exitFailure, err: err}
				}
				defer shared.close()
				conversations = shared.conversations
			}
			opts := []bot.Option{bot.WithLogger(log), bot.WithObserver(newTurnLog(log, a.cfg.Log)), bot.WithObserver(m), bot.WithImageGuard(images),
				bot.WithConversations(conversations, a.cfg.Conversation.TTL),
				bot.WithHandoffQuiet(a.cfg.Handoff.Quiet)}
			opts = append(opts, limitOptions(a.cfg.Limits, shared)...)
			var rec *recording
			if a.cfg.Analytics.Enabled() {
				store, err := a.cfg.Analytics.open(cmd.Context())
				if err != nil {
					return exitError{code: exitFailure, err: err}
				}
				defer store.Close()
				rec = &recording{store: store, recorder: analytics.NewRecorder(store, []byte(a.cfg.Log.UserHashKey), log, m.RecordDropped)}
				// Votes given in words ("that didn't help") are recorded
				// as the 👎 buttons are.
				opts = append(opts, bot.WithObserver(rec.recorder), bot.WithFeedback(rec.recorder))
			}
			b, warnings, err := a.newLintedBot(opts...)
			if err != nil {
				return err
			}
			k := b.Knowledge()
			if err := checkChannels(a.cfg.Channels, k); err != nil {
				return configError{err}
			}
			m.KnowledgeLoaded(k.Version, len(k.Topics), false)
			srv, err := newServer(a.cfg, b, m, log, rec, shared, warnings)
			if err != nil {
				return configError{err}
			}
			if a.cfg.Console {
				src := console.Sources{Bot: b, Log: log, SlackPreview: slack.Preview, DiscordPreview: discord.Preview, Knowledge: srv.versions(warnings, time.Now())}
				if rec != nil {
					src.Store = rec.store
				}
				srv.mux.Handle("/console/", console.Handler(src, a.cfg.APIToken))
			}
			ln, err := net.Listen("tcp", a.cfg.HTTP.Addr)
			if err != nil {
				return exitError{code: exitFailure, err: fmt.Errorf("serve: %w", err)}
			}
			if err := srv.run(cmd.Context(), ln); err != nil {
				log.Error("serve stopped", "err", err)
				return exitError{code: exitFailure}
			}
			return nil
		},
	}
}

// ValidateServe reports what serve refuses beyond Validate: serving
// /v1/ask without a token on an address other machines can reach. config
// check runs it too.
func (c Config) ValidateServe() error {
	host, _, _ := net.SplitHostPort(c.HTTP.Addr)
	if c.APIToken != "" || host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("api_token: required when http.addr (%s) is not a loopback address", c.HTTP.Addr)
}

func newLogger(w io.Writer, c LogConfig) *slog.Logger {
	var level slog.Level
	level.UnmarshalText([]byte(c.Level)) // validated with the configuration
	opts := &slog.HandlerOptions{Level: level}
	if c.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// server is the HTTP listener of serve and what runs behind it.
type server struct {
	cfg      Config
	bot      *bot.Bot
	log      *slog.Logger
	mux      *http.ServeMux
	adapters []bot.Adapter
	reloader *reload.Reloader
	// recording, when analytics are on, stores turns and feedback.
	recording *recording
	// shared, when state.postgres_url is set, is the state shared with
	// other replicas.
	shared *sharedState
}

// recording is the analytics store and the recorder writing to it.
type recording struct {
	store    analytics.Store
	recorder *analytics.Recorder
}

// newServer wires the endpoints and the adapters the configuration turns
// on to b; rec, when analytics are on, records turns and feedback; shared,
// when set, holds the claims the adapters share with other replicas;
// warnings are what lint found in b's knowledge.
func newServer(cfg Config, b *bot.Bot, m *metrics.Metrics, log *slog.Logger, rec *recording, shared *sharedState, warnings intents.Problems) (*server, error) {
	adapters, err := configuredAdapters(cfg, b, m, feedbackRecorder(log, rec), shared, log)
	if err != nil {
		return nil, err
	}
	s := &server{cfg: cfg, bot: b, log: log, mux: http.NewServeMux(), adapters: adapters, recording: rec, shared: shared}
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte("ok\n"))
	})
	s.mux.HandleFunc("GET /readyz", s.serveReady)
	s.mux.Handle("GET /metrics", m.GuardedHandler(cfg.metricsToken()))
	for _, a := range adapters {
		if h, ok := a.(bot.HTTPAdapter); ok {
			h.Mount(s.mux)
		}
	}
	if cfg.Knowledge != "" {
		s.reloader = reload.New(reload.Config{Dir: cfg.Knowledge, Debounce: cfg.Reload.Debounce, MinAccuracy: cfg.Reload.MinAccuracy, Gate: reloadGate(cfg, rec, log), Problems: warnings}, b, log, reload.Hooks{
			Loaded: func(k *intents.Knowledge) { m.KnowledgeLoaded(k.Version, len(k.Intents), true) },
			Failed: m.ReloadFailed,
		})
	}
	return s, nil
}

// versions tells the console's knowledge checks what answers (with the
// warnings lint found in it, since start when nothing was reloaded),
// what the folder on disk holds now, and the last refused reload.
func (s *server) versions(warnings intents.Problems, start time.Time) func() console.Versions {
	return func() console.Versions {
		v := console.Versions{Answering: s.bot.Index().Knowledge(), AnsweringProblems: warnings, Since: start}
		if s.reloader == nil {
			return v
		}
		st := s.reloader.Status()
		v.AnsweringProblems, v.Since = st.Problems, st.Since
		v.Folder = s.cfg.Knowledge
		v.Disk, _, v.DiskProblems = lintIndex(intents.Dir(s.cfg.Knowledge), time.Now())
		if r := st.Refused; r != nil {
			v.Refused = &console.Refusal{At: r.At, Version: r.Version, Problems: r.Problems, Current: st.Current}
		}
		return v
	}
}

// configuredAdapters builds /v1/ask and every chat adapter whose
// configuration is present, claiming events in shared and holding the
// Discord gateway under its lease there (nil: each adapter's memory, and
// the gateway always held). A new platform is one more line here.
func configuredAdapters(cfg Config, b *bot.Bot, m *metrics.Metrics, fb bot.FeedbackRecorder, shared *sharedState, log *slog.Logger) ([]bot.Adapter, error) {
	adapters := []bot.Adapter{httpapi.New(b, httpapi.Config{Token: cfg.APIToken, TrustedProxies: cfg.HTTP.Proxies(), Concurrency: cfg.Limits.Concurrency, Handoff: cfg.Handoff.HTTP},
		httpapi.WithMetrics(m), httpapi.WithFeedback(fb, log.With("adapter", "http")))}
	var errs []error
	add := func(a bot.Adapter, err error) {
		if err != nil {
			errs = append(errs, err)
			return
		}
		adapters = append(adapters, a)
	}
	if cfg.Slack.Enabled() {
		sc := cfg.Slack
		sc.HandoffUsergroup, sc.HandoffChannel, sc.HandoffMessage = cfg.Handoff.SlackUsergroup, cfg.Handoff.SlackChannel, cfg.Handoff.Message
		sc.Channels = slackChannels(cfg.Channels)
		opts := []slack.Option{slack.WithMetrics(m), slack.WithDrainTimeout(cfg.ShutdownTimeout)}
		if shared != nil {
			opts = append(opts, slack.WithClaims(shared.claims))
		}
		add(slack.New(sc, b, fb, log, opts...))
	}
	if cfg.Discord.Enabled() {
		dc := cfg.Discord
		dc.HandoffRole, dc.HandoffChannel, dc.HandoffMessage = cfg.Handoff.DiscordRole, cfg.Handoff.DiscordChannel, cfg.Handoff.Message
		dc.Channels = discordChannels(cfg.Channels)
		opts := []discord.Option{discord.WithMetrics(m), discord.WithDrainTimeout(cfg.ShutdownTimeout)}
		if shared != nil {
			opts = append(opts, discord.WithClaims(shared.claims), discord.WithGatewayLease(shared.leases, 0))
		}
		add(discord.New(dc, b, fb, log, opts...))
	}
	return adapters, errors.Join(errs...)
}

// serveReady answers 200 when every adapter that can be not ready is
// ready, 503 naming those that are not otherwise; a ready answer names
// the configured channels the bot cannot see. (The knowledge is always
// loaded: serve does not start without it, and a failed reload keeps the
// last good version.) While the shared state store fails, it still answers
// 200, saying it is degraded: the replica answers, from its own memory.
func (s *server) serveReady(w http.ResponseWriter, _ *http.Request) {
	var waiting []string
	for _, a := range s.adapters {
		if r, ok := a.(bot.ReadyAdapter); ok && !r.Ready() {
			waiting = append(waiting, a.Name())
		}
	}
	if len(waiting) > 0 {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintf(w, "not ready: %v\n", waiting)
		return
	}
	if s.shared != nil && s.shared.fallback.Degraded() {
		w.Write([]byte("ready, degraded: the shared state store is failing; claims, conversations and rate limits are in this process's memory\n"))
	} else {
		w.Write([]byte("ready\n"))
	}
	if unseen := s.unseenChannels(); len(unseen) > 0 {
		fmt.Fprintf(w, "channels the bot cannot see: %s\n", strings.Join(unseen, ", "))
	}
}

// unseenChannels are the channels of the channels list the adapters
// found, at start, that the bot cannot see, as "platform:id".
func (s *server) unseenChannels() []string {
	var out []string
	for _, a := range s.adapters {
		if c, ok := a.(bot.ChannelAdapter); ok {
			for _, id := range c.UnseenChannels() {
				out = append(out, a.Name()+":"+id)
			}
		}
	}
	return out
}

// Handler serves every HTTP endpoint.
func (s *server) Handler() http.Handler { return s.mux }

// run serves on ln and runs the adapters and the knowledge watch until ctx
// ends or an adapter fails, then shuts down: the listener stops accepting,
// requests in flight and queued answers finish within shutdown.timeout.
func (s *server) run(ctx context.Context, ln net.Listener) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	hs := &http.Server{
		Handler:           s.mux,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, len(s.adapters)+1)
	go func() {
		if err := hs.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("http: %w", err)
		}
	}()
	s.log.Info("listening", "addr", ln.Addr().String(), "adapters", len(s.adapters),
		"knowledge", s.bot.Knowledge().Version)

	var wg sync.WaitGroup
	for _, a := range s.adapters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := a.Run(ctx); err != nil {
				errc <- fmt.Errorf("%s: %w", a.Name(), err)
			}
		}()
	}
	if s.reloader != nil {
		s.watchKnowledge(ctx, &wg)
	}
	if s.recording != nil {
		s.record(ctx, &wg)
	}
	if s.shared != nil {
		s.shared.sweep(ctx, s.log, &wg)
	}
	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	s.log.Info("shutting down")
	shutdownCtx, done := context.WithTimeout(context.WithoutCancel(ctx), s.cfg.ShutdownTimeout)
	defer done()
	if serr := hs.Shutdown(shutdownCtx); serr != nil {
		s.log.Warn("http shutdown", "err", serr)
	}
	cancel()
	wg.Wait()
	return err
}

// watchKnowledge reloads the knowledge on SIGHUP and, with reload.watch,
// when the folder changes.
func (s *server) watchKnowledge(ctx context.Context, wg *sync.WaitGroup) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer signal.Stop(hup)
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				reload.Log(s.log, "SIGHUP", s.reloader.Reload(ctx))
			}
		}
	}()
	if s.cfg.Reload.Watch {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.reloader.Run(ctx); err != nil {
				s.log.Error("knowledge watch stopped", "err", err)
			}
		}()
	}
}

// feedbackRecorder logs feedback clicks (platform, intent and vote only)
// and, with analytics on (rec not nil), records them.
func feedbackRecorder(log *slog.Logger, rec *recording) bot.FeedbackRecorder {
	return bot.FeedbackFunc(func(ctx context.Context, f bot.Feedback) error {
		log.Info("feedback", "adapter", f.Adapter, "intent", f.Intent, "helpful", f.Helpful)
		if rec != nil {
			return rec.recorder.RecordFeedback(ctx, f)
		}
		return nil
	})
}

// record writes recorded turns until ctx ends and deletes turns older than
// analytics.retention_days every hour.
func (s *server) record(ctx context.Context, wg *sync.WaitGroup) {
	wg.Add(2)
	go func() {
		defer wg.Done()
		s.recording.recorder.Run(ctx)
	}()
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Hour)
		defer tick.Stop()
		for {
			cutoff := time.Now().AddDate(0, 0, -s.cfg.Analytics.RetentionDays)
			if n, err := s.recording.store.DeleteBefore(ctx, cutoff); err != nil && ctx.Err() == nil {
				s.log.Error("analytics retention failed", "err", err)
			} else if n > 0 {
				s.log.Info("analytics retention", "deleted", n)
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
}
