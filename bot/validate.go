package bot

import (
	"log/slog"
	"runtime/debug"

	"github.com/bwmarrin/discordgo"
)

// What comes from Discord is read through these functions, never through
// discordgo's accessors (ApplicationCommandData, StringValue, ...), which
// panic on data of the wrong shape: a null option, a value that is not a
// string, data of another kind than the interaction's type, a null embed.
// Whatever does not fit is treated as missing.

// commandData returns the data of a slash command or an autocomplete
// request; false when the interaction carries none.
func commandData(i *discordgo.Interaction) (discordgo.ApplicationCommandInteractionData, bool) {
	if i == nil || i.Type != discordgo.InteractionApplicationCommand && i.Type != discordgo.InteractionApplicationCommandAutocomplete {
		return discordgo.ApplicationCommandInteractionData{}, false
	}
	switch d := i.Data.(type) {
	case discordgo.ApplicationCommandInteractionData:
		return d, true
	case *discordgo.ApplicationCommandInteractionData:
		if d != nil {
			return *d, true
		}
	}
	return discordgo.ApplicationCommandInteractionData{}, false
}

// componentData returns the data of a button press; false when the
// interaction carries none.
func componentData(i *discordgo.Interaction) (discordgo.MessageComponentInteractionData, bool) {
	if i == nil || i.Type != discordgo.InteractionMessageComponent {
		return discordgo.MessageComponentInteractionData{}, false
	}
	switch d := i.Data.(type) {
	case discordgo.MessageComponentInteractionData:
		return d, true
	case *discordgo.MessageComponentInteractionData:
		if d != nil {
			return *d, true
		}
	}
	return discordgo.MessageComponentInteractionData{}, false
}

// commandName is the name of the slash command an interaction runs; "" when
// it runs none.
func commandName(i *discordgo.Interaction) string {
	d, _ := commandData(i)
	return d.Name
}

// stringOptions reads a command's string options by name. An option that
// is null, of another type, or whose value is not a string is left out;
// so are nested (sub-command) options, which newsbot's commands have none of.
func stringOptions(opts []*discordgo.ApplicationCommandInteractionDataOption) map[string]string {
	out := make(map[string]string, len(opts))
	for _, o := range opts {
		if o == nil || o.Type != discordgo.ApplicationCommandOptionString {
			continue
		}
		if v, ok := o.Value.(string); ok {
			out[o.Name] = v
		}
	}
	return out
}

// focusedText is what the user has typed so far in the focused option of an
// autocomplete request; "" when no focused option holds a string.
func focusedText(opts []*discordgo.ApplicationCommandInteractionDataOption) string {
	for _, o := range opts {
		if o == nil || !o.Focused {
			continue
		}
		if v, ok := o.Value.(string); ok {
			return v
		}
	}
	return ""
}

// messageEmbeds are the embeds of the message a button is under, null ones
// left out, and null fields taken out of each (a copy: the interaction is
// not changed).
func messageEmbeds(i *discordgo.Interaction) []*discordgo.MessageEmbed {
	if i == nil || i.Message == nil {
		return nil
	}
	var out []*discordgo.MessageEmbed
	for _, e := range i.Message.Embeds {
		if e == nil {
			continue
		}
		clean := *e
		clean.Fields = nil
		for _, f := range e.Fields {
			if f != nil {
				clean.Fields = append(clean.Fields, f)
			}
		}
		out = append(out, &clean)
	}
	return out
}

// messageID is the ID of the message a button is under; "" when unknown.
func messageID(i *discordgo.Interaction) string {
	if i == nil || i.Message == nil {
		return ""
	}
	return i.Message.ID
}

// apology is the response to an interaction whose handling failed in a way
// nobody foresaw (a panic): the short apology, or for an autocomplete
// request, no choices.
func apology(i *discordgo.Interaction) *discordgo.InteractionResponse {
	if i != nil && i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		return &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{}}}
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: ephemeral(msgInternal)}
}

// logPanic logs a recovered panic with what it happened to and where.
func logPanic(log *slog.Logger, what, id string, v any) {
	log.Error(what+" panicked; answered with an apology", "interaction", id, "panic", v, "stack", string(debug.Stack()))
}
