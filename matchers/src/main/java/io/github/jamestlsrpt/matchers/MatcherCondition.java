package io.github.jamestlsrpt.matchers;

import jakarta.mail.MessagingException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A matcher's condition read once in init(): {@code name=value} parameters separated by ";", white space around
 * names and values ignored. Unknown and repeated parameters are rejected; every error names the matcher, the
 * parameter and the allowed values.
 */
final class MatcherCondition {

    private final String matcher;
    private final Map<String, String> values;

    private MatcherCondition(String matcher, Map<String, String> values) {
        this.matcher = matcher;
        this.values = values;
    }

    /**
     * @param matcher the matcher's name, for the errors
     * @param condition what follows the first "=" in {@code match="..."}, or null when nothing does
     * @param parameters the parameters the matcher knows
     */
    static MatcherCondition parse(String matcher, String condition, List<ConditionParameter> parameters)
            throws MessagingException {
        Set<String> known = parameters.stream().map(ConditionParameter::name).collect(Collectors.toSet());
        Map<String, String> values = new LinkedHashMap<>();
        if (condition == null || condition.isBlank()) {
            return new MatcherCondition(matcher, values);
        }
        for (String item : condition.split(";", -1)) {
            if (item.isBlank()) {
                continue;
            }
            int equals = item.indexOf('=');
            if (equals < 0) {
                throw new MessagingException(matcher + ": \"" + item.trim() + "\" is not name=value; "
                        + knownParameters(matcher, parameters));
            }
            String name = item.substring(0, equals).trim();
            if (!known.contains(name)) {
                throw new MessagingException(
                        matcher + ": unknown parameter \"" + name + "\"; " + knownParameters(matcher, parameters));
            }
            if (values.putIfAbsent(name, item.substring(equals + 1).trim()) != null) {
                throw new MessagingException(matcher + ": parameter " + name + " is given twice");
            }
        }
        return new MatcherCondition(matcher, values);
    }

    private static String knownParameters(String matcher, List<ConditionParameter> parameters) {
        if (parameters.isEmpty()) {
            return matcher + " takes no parameters";
        }
        return "the parameters are "
                + parameters.stream().map(ConditionParameter::name).collect(Collectors.joining(", "))
                + ", written name=value and separated by \";\"";
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** An integer from min to max, or the default when not given. */
    long integer(String name, long defaultValue, long min, long max) throws MessagingException {
        Optional<String> given = value(name);
        if (given.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(given.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notAnInteger) {
            // reported below
        }
        throw invalid(name, given.get(), "an integer from " + min + " to " + max);
    }

    /** A percentage from 0 to 100 ("5", "2.5", "5%"), or empty when not given. */
    Optional<BigDecimal> percentage(String name) throws MessagingException {
        Optional<String> given = value(name);
        if (given.isEmpty()) {
            return Optional.empty();
        }
        String number = given.get().endsWith("%")
                ? given.get().substring(0, given.get().length() - 1).trim()
                : given.get();
        try {
            BigDecimal value = new BigDecimal(number);
            if (value.signum() >= 0 && value.compareTo(BigDecimal.valueOf(100)) <= 0) {
                return Optional.of(value);
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw invalid(name, given.get(), "a percentage from 0 to 100, such as 5 or 2.5");
    }

    /** A comma-separated, non-empty list of the given values' names, or the default when not given. */
    <T> Set<T> list(String name, Set<T> defaultValue, List<T> allowed, Function<T, String> names)
            throws MessagingException {
        Optional<String> given = value(name);
        if (given.isEmpty()) {
            return defaultValue;
        }
        String allowedNames = allowed.stream().map(names).collect(Collectors.joining(", "));
        Set<T> chosen = new LinkedHashSet<>();
        for (String item : given.get().split(",", -1)) {
            String trimmed = item.trim();
            Optional<T> value =
                    allowed.stream().filter(a -> names.apply(a).equals(trimmed)).findFirst();
            if (value.isEmpty()) {
                throw invalid(name, given.get(), "a comma-separated list of " + allowedNames);
            }
            chosen.add(value.get());
        }
        return Collections.unmodifiableSet(chosen);
    }

    /** Fails unless the parameter is given. */
    void require(String name) throws MessagingException {
        if (value(name).isEmpty()) {
            throw new MessagingException(matcher + ": parameter " + name + " is required");
        }
    }

    private MessagingException invalid(String name, String value, String allowed) {
        return new MessagingException(matcher + ": " + name + " must be " + allowed + ", was \"" + value + "\"");
    }

    static <T extends Enum<T>> List<T> all(Class<T> type) {
        return Arrays.asList(type.getEnumConstants());
    }
}
