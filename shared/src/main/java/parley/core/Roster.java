package parley.core;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import parley.protocol.ChatEvent;
import parley.protocol.Member;

/**
 * The answers to {@code /who}, as the events the asker is sent: a room a page of {@code --presence-limit}
 * people at a time (a room below it is one page), or the people whose nick starts with a prefix. Under the
 * core's lock.
 */
final class Roster {

    private final int perPage;
    private final Clock clock;
    /** Who is in a room on the other nodes of a cluster too (nobody on one server). */
    private final OtherNodes others;

    Roster(int perPage, Clock clock, OtherNodes others) {
        this.perPage = perPage;
        this.clock = clock;
        this.others = others;
    }

    /** Page {@code page} of {@code room}, and where it is among the pages; an error past the last page. */
    List<ChatEvent> page(Room room, int page) {
        Instant now = clock.instant();
        List<Member> everyone = others.everyone(room);
        int size = everyone.size();
        int pages = Math.max(1, (size + perPage - 1) / perPage);
        if (page > pages) {
            return List.of(new ChatEvent.Error(room.name(), now, "#" + room.name() + " has " + pages
                    + (pages == 1 ? " page" : " pages") + " of people; try /who " + pages));
        }
        List<ChatEvent> answer = new ArrayList<>();
        answer.add(new ChatEvent.Members(room.name(), now, everyone.stream()
                .skip((long) (page - 1) * perPage).limit(perPage).toList(), size));
        if (pages > 1) {
            answer.add(new ChatEvent.Info(room.name(), now, "page " + page + " of " + pages
                    + (page < pages ? "; /who " + (page + 1) + " for the next" : "") + "; /who PREFIX finds nicks"));
        }
        return answer;
    }

    /** Who in {@code room} has a nick starting with {@code prefix}, ignoring case: at most a page of them. */
    List<ChatEvent> startingWith(Room room, String prefix) {
        Instant now = clock.instant();
        String wanted = prefix.toLowerCase(Locale.ROOT);
        List<Member> found = new ArrayList<>();
        int matches = 0;
        List<Member> everyone = others.everyone(room);
        for (Member m : everyone) {
            if (m.nick().toLowerCase(Locale.ROOT).startsWith(wanted)) {
                matches++;
                if (found.size() < perPage) {
                    found.add(m);
                }
            }
        }
        if (matches == 0) {
            return List.of(new ChatEvent.Info(room.name(), now, "nobody in #" + room.name()
                    + " has a nick starting with " + prefix));
        }
        return List.of(new ChatEvent.Members(room.name(), now, found, everyone.size()),
                new ChatEvent.Info(room.name(), now, matches + (matches == 1 ? " nick starts" : " nicks start")
                        + " with " + prefix + (matches > found.size() ? "; the first " + found.size() + " are shown" : "")));
    }
}
