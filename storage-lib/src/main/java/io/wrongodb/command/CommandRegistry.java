package io.wrongodb.command;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every command the node answers, by name and alias. Built once when the node starts. */
public final class CommandRegistry {
    private final Map<String, Command> byName;

    private CommandRegistry(Map<String, Command> byName) {
        this.byName = Map.copyOf(byName);
    }

    public static CommandRegistry of(Collection<? extends Command> commands) {
        Map<String, Command> byName = new LinkedHashMap<>();
        for (Command command : commands) {
            register(byName, command.name(), command);
            for (String alias : command.aliases()) {
                register(byName, alias, command);
            }
        }
        return new CommandRegistry(byName);
    }

    private static void register(Map<String, Command> byName, String name, Command command) {
        Command previous = byName.putIfAbsent(name, command);
        if (previous != null) {
            throw new IllegalArgumentException("two commands claim the name '" + name + "': "
                    + previous.getClass().getSimpleName() + " and "
                    + command.getClass().getSimpleName());
        }
    }

    public Optional<Command> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
