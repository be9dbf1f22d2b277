package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/discord"
	"github.com/helpdeskbot/helpdeskbot/bot/slack"
)

// shutdownTimeout bounds how long serve waits for requests in flight.
const shutdownTimeout = 10 * time.Second

func (a *app) serveCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "serve",
		Short: "Run the HTTP listener and every configured chat adapter",
		Long: "serve listens on http.addr (HELPDESK_HTTP_ADDR, default 127.0.0.1:8080) and runs\n" +
			"every chat adapter whose configuration is present. It stops on SIGINT or SIGTERM,\n" +
			"finishing the answers under way.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			b, err := a.newBot()
			if err != nil {
				return err
			}
			log := newLogger(a.stderr, a.cfg.Log)
			srv, err := newServer(a.cfg, b, log)
			if err != nil {
				return configError{err}
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

func newLogger(w io.Writer, c LogConfig) *slog.Logger {
	var level slog.Level
	level.UnmarshalText([]byte(c.Level)) // validated with the configuration
	opts := &slog.HandlerOptions{Level: level}
	if c.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// adapter is what serve runs for each chat platform.
type adapter interface {
	Run(ctx context.Context) error
}

// server is the HTTP listener of serve and the adapters behind it.
type server struct {
	log      *slog.Logger
	mux      *http.ServeMux
	adapters map[string]adapter
}

// newServer wires the configured adapters to b.
func newServer(cfg Config, b *bot.Bot, log *slog.Logger) (*server, error) {
	s := &server{log: log, mux: http.NewServeMux(), adapters: map[string]adapter{}}
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte("ok\n"))
	})
	if cfg.Slack.Enabled() {
		sa, err := slack.New(cfg.Slack, b, logFeedback(log), log)
		if err != nil {
			return nil, err
		}
		if cfg.Slack.SigningSecret != "" {
			s.mux.Handle("/slack/", sa.Handler())
		}
		s.adapters["slack"] = sa
	}
	if cfg.Discord.Enabled() {
		da, err := discord.New(cfg.Discord, b, logFeedback(log), log)
		if err != nil {
			return nil, err
		}
		if cfg.Discord.PublicKey != "" {
			s.mux.Handle("/discord/", da.Handler())
		}
		s.adapters["discord"] = da
	}
	return s, nil
}

// Handler serves every HTTP endpoint.
func (s *server) Handler() http.Handler { return s.mux }

// run serves on ln and runs the adapters until ctx ends or an adapter
// fails, then shuts everything down, letting work in flight finish.
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
	s.log.Info("listening", "addr", ln.Addr().String(), "adapters", len(s.adapters))

	var wg sync.WaitGroup
	for name, a := range s.adapters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := a.Run(ctx); err != nil {
				errc <- fmt.Errorf("%s: %w", name, err)
			}
		}()
	}
	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	s.log.Info("shutting down")
	shutdownCtx, done := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer done()
	if serr := hs.Shutdown(shutdownCtx); serr != nil {
		s.log.Warn("http shutdown", "err", serr)
	}
	cancel()
	wg.Wait()
	return err
}

// logFeedback records feedback clicks in the log until a store exists for
// them; only the platform, intent and vote are logged.
func logFeedback(log *slog.Logger) bot.FeedbackRecorder {
	return bot.FeedbackFunc(func(_ context.Context, f bot.Feedback) error {
		log.Info("feedback", "adapter", f.Adapter, "intent", f.Intent, "helpful", f.Helpful)
		return nil
	})
}
