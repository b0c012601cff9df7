package bot

import "github.com/bwmarrin/discordgo"

// maxQuestionLength caps a question option; Discord enforces it client-side.
const maxQuestionLength = 500

// maxFeedURLLength caps a feed URL option.
const maxFeedURLLength = 2000

// Commands are newsbot's slash commands, registered with one bulk overwrite
// so that renamed or removed commands do not linger.
func Commands() []*discordgo.ApplicationCommand {
	question := func(desc string) []*discordgo.ApplicationCommandOption {
		return []*discordgo.ApplicationCommandOption{{
			Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: desc,
			Required: true, MaxLength: maxQuestionLength,
		}}
	}
	manageServer := int64(discordgo.PermissionManageGuild)
	noDM := false
	return []*discordgo.ApplicationCommand{
		{Name: "ask", Description: "Answer a question with quoted, cited passages from the news corpus", Options: question("What do you want to know?")},
		{Name: "why", Description: "Answer a why-question: passages that give causes and reasons", Options: question("Why did…?")},
		{Name: "when", Description: "Answer a when-question: the date first, then the passage", Options: question("When did…?")},
		{Name: "timeline", Description: "Dated events of a topic, in order, each quoted and cited", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "topic", Description: "What the timeline is about (empty: everything dated)", MaxLength: 200},
			{Type: discordgo.ApplicationCommandOptionString, Name: "from", Description: "From date: YYYY, YYYY-MM or YYYY-MM-DD", MaxLength: 10},
			{Type: discordgo.ApplicationCommandOptionString, Name: "to", Description: "To date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD", MaxLength: 10},
		}},
		{Name: "sources", Description: "What the corpus holds: article count and the newest articles"},
		{Name: "source", Description: "One article's paragraphs", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "article", Description: "Article title", Required: true, Autocomplete: true},
		}},
		{Name: "reindex", Description: "Re-scan the corpus folder now (Manage Server)", DefaultMemberPermissions: &manageServer, DMPermission: &noDM},
		{Name: "feeds", Description: "The news feeds this bot follows, with their last poll and article counts"},
		{Name: "follow", Description: "Follow a news feed (RSS or Atom): its new articles join the corpus (Manage Server)",
			DefaultMemberPermissions: &manageServer, DMPermission: &noDM, Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "url", Description: "The feed's address (https://…)", Required: true, MaxLength: maxFeedURLLength},
			}},
		{Name: "unfollow", Description: "Stop following a news feed; its articles stay (Manage Server)",
			DefaultMemberPermissions: &manageServer, DMPermission: &noDM, Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "url", Description: "The feed's address", Required: true, MaxLength: maxFeedURLLength, Autocomplete: true},
			}},
	}
}
