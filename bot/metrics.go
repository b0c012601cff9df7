package bot

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbot-dev/newsbot/library"
	"github.com/newsbot-dev/newsbot/metrics"
)

// commandLabel names an interaction for the metrics: a command newsbot
// registers, a kind of button, "autocomplete", or "unknown". It is never
// text a user typed, so the metrics hold a small fixed set of series.
func commandLabel(i *discordgo.Interaction) string {
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		if name := i.ApplicationCommandData().Name; commandNames()[name] {
			return name
		}
	case discordgo.InteractionApplicationCommandAutocomplete:
		return "autocomplete"
	case discordgo.InteractionMessageComponent:
		kind, _, _ := strings.Cut(i.MessageComponentData().CustomID, ":")
		switch kind {
		case "more", "full", "vote":
			return "button_" + kind
		}
	}
	return "unknown"
}

// commandNames are the names of the commands newsbot registers.
var commandNames = sync.OnceValue(func() map[string]bool {
	names := map[string]bool{}
	for _, c := range Commands() {
		names[c.Name] = true
	}
	return names
})

// outcomeOf is how an interaction ended, from the bot's reply or error.
func outcomeOf(data *discordgo.InteractionResponseData, err error) metrics.Outcome {
	switch {
	case errors.Is(err, errRateLimited):
		return metrics.RateLimited
	case errors.Is(err, library.ErrNotReady):
		return metrics.NotReady
	case err != nil:
		return metrics.Error
	case data == nil:
		return metrics.Answered
	}
	switch data.Content {
	case msgNoAnswer, msgNoEvents, msgNoMore:
		return metrics.NoAnswer
	case msgRateLimit:
		return metrics.RateLimited
	case msgNotReady:
		return metrics.NotReady
	case msgInternal:
		return metrics.Error
	}
	return metrics.Answered
}

// observe records one interaction in the metrics, if any.
func (b *Bot) observe(command string, o metrics.Outcome, start time.Time) {
	b.metrics.Interaction(command, o, time.Since(start))
}

// waitGroupDone waits for wait to return until ctx ends; it reports
// whether wait returned.
func waitGroupDone(ctx context.Context, wait func()) bool {
	done := make(chan struct{})
	go func() {
		wait()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-ctx.Done():
		return false
	}
}
