package dev.overtime.platform.function;

import dev.overtime.platform.environment.EnvironmentPool;
import dev.overtime.platform.versions.Alias;
import dev.overtime.platform.versions.AliasDeclaration;
import dev.overtime.platform.versions.CodeSnapshots;
import dev.overtime.platform.versions.ConfigurationChange;
import dev.overtime.platform.versions.FunctionVersioning;
import dev.overtime.platform.versions.StoredFunction;
import dev.overtime.platform.versions.VersionDeclaration;
import dev.overtime.platform.versions.VersionReference;
import dev.overtime.platform.versions.VersionStore;
import dev.overtime.platform.versions.VersionsException;
import dev.overtime.platform.versions.VersionsException.Kind;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A function as callers see it: {@code $LATEST}, its published versions and its aliases, each
 * version with environments of its own, and the function's provisioned concurrency settings.
 *
 * <p>Invokes only read ({@link #resolve}): the maps are immutable and replaced whole under this
 * object's lock, so the hot path takes no lock. Every change is written to the {@link VersionStore}
 * before it is answered, so it survives a restart.
 */
public final class DeployedFunction {

    /** Makes the environment pool of one version. */
    public interface PoolFactory {
        EnvironmentPool create(FunctionDefinition definition, String version);
    }

    /** {@code $LATEST}'s {@code LastUpdateStatus}: {@code Successful}, {@code InProgress} or {@code Failed}. */
    public record UpdateStatus(String status, String reason, String reasonCode) {
        public static final UpdateStatus SUCCESSFUL = new UpdateStatus("Successful", null, null);
    }

    /** A provisioned concurrency setting of an alias or a version. */
    public record ProvisionedConfig(String qualifier, int requested, Instant lastModified) {
    }

    private final String name;
    private final String arn;
    private final FunctionDefinition template;
    private final PoolFactory pools;
    private final VersionStore store;
    private final CodeSnapshots snapshots;
    private final Consumer<String> notices;

    private volatile FunctionVersion latest;
    private volatile Map<String, FunctionVersion> versions = Map.of();
    private volatile Map<String, Alias> aliases = Map.of();
    private volatile UpdateStatus updateStatus = UpdateStatus.SUCCESSFUL;

    // Guarded by this.
    private int nextVersion = 1;
    private ConfigurationChange latestChanges = ConfigurationChange.NONE;
    private final Map<String, String> declaredShas = new HashMap<>();
    private final Map<String, ProvisionedConfig> provisioned = new LinkedHashMap<>();
    private final Map<String, String> declaredNumbers = new HashMap<>();
    private final List<EnvironmentPool> retired = new ArrayList<>();
    /** Provisioned environments start only once the platform serves their Runtime API. */
    private boolean provisioning;
    /** What the store holds now: a start that changes nothing writes nothing. */
    private StoredFunction saved;

    private DeployedFunction(FunctionDefinition template, String arn, PoolFactory pools, VersionStore store,
                             CodeSnapshots snapshots, Consumer<String> notices) {
        this.name = template.name();
        this.arn = arn;
        this.template = template;
        this.pools = pools;
        this.store = store;
        this.snapshots = snapshots;
        this.notices = notices;
    }

    /** A function without versions and without a data folder behind it: {@code $LATEST} only (tests). */
    public static DeployedFunction latestOnly(FunctionDefinition definition, String arn, EnvironmentPool pool) {
        DeployedFunction f = new DeployedFunction(definition, arn, (d, v) -> {
            throw new IllegalStateException("a $LATEST-only function publishes no version");
        }, null, null, notice -> { });
        CodeFacts facts = CodeFacts.of(definition.code());
        f.latest = new FunctionVersion(FunctionVersion.LATEST, definition, pool, facts, facts.lastModified());
        return f;
    }

    /**
     * The function as the data folder left it, with the template laid over it: changes made through
     * the API stay unless the template sets the same property, versions and aliases stay, then the
     * template's declared versions are published (or reused) and its aliases created or moved.
     */
    public static DeployedFunction start(FunctionDefinition template, FunctionVersioning versioning, String arn,
                                         PoolFactory pools, VersionStore store, Consumer<String> notices) {
        DeployedFunction f = new DeployedFunction(template, arn, pools, store, new CodeSnapshots(store), notices);
        synchronized (f) {
            f.saved = store.load(template.name()).orElse(StoredFunction.empty());
            f.load(f.saved, versioning.templateProperties());
            for (VersionDeclaration declared : versioning.versions()) {
                f.declaredNumbers.put(declared.logicalId(), f.publishDeclared(declared));
            }
            for (AliasDeclaration declared : versioning.aliases()) {
                f.applyDeclared(declared);
            }
            f.save();
        }
        return f;
    }

    public String name() {
        return name;
    }

    /** The unqualified ARN. */
    public String arn() {
        return arn;
    }

    public FunctionVersion latest() {
        return latest;
    }

    public UpdateStatus updateStatus() {
        return updateStatus;
    }

    /**
     * The version {@code qualifier} runs now: {@code null} or {@code $LATEST}, a version number, or an
     * alias (a weighted one chooses per call). Null when no such version or alias exists.
     */
    public FunctionVersion resolve(String qualifier) {
        if (qualifier == null || qualifier.equals(FunctionVersion.LATEST)) {
            return latest;
        }
        FunctionVersion version = versions.get(qualifier);
        if (version != null) {
            return version;
        }
        Alias alias = aliases.get(qualifier);
        return alias == null ? null : alias.pick();
    }

    /** Whether {@code qualifier} names {@code $LATEST}, a version or an alias of this function. */
    public boolean has(String qualifier) {
        return qualifier == null || qualifier.equals(FunctionVersion.LATEST) || versions.containsKey(qualifier)
                || aliases.containsKey(qualifier);
    }

    /** The numbers start gave the versions the template declares, by their logical ids. */
    public synchronized Map<String, String> declaredVersions() {
        return Map.copyOf(declaredNumbers);
    }

    public Optional<FunctionVersion> version(String number) {
        return Optional.ofNullable(versions.get(number));
    }

    /** Published versions, oldest first. */
    public List<FunctionVersion> versions() {
        return List.copyOf(versions.values());
    }

    public Optional<Alias> alias(String aliasName) {
        return Optional.ofNullable(aliases.get(aliasName));
    }

    /** Aliases, in creation order. */
    public List<Alias> aliases() {
        return List.copyOf(aliases.values());
    }

    /** Every pool: $LATEST, the published versions and those replaced and still draining. */
    public synchronized List<EnvironmentPool> pools() {
        List<EnvironmentPool> all = new ArrayList<>();
        all.add(latest.pool());
        versions.values().forEach(v -> all.add(v.pool()));
        all.addAll(retired);
        return all;
    }

    /** Retires idle environments of every version, and forgets drained pools that have none left. */
    public void retireIdle() {
        for (EnvironmentPool pool : pools()) {
            pool.retireIdle();
        }
        synchronized (this) {
            retired.removeIf(EnvironmentPool::isEmpty);
        }
    }

    // ---- versions ---------------------------------------------------------------------------------

    /**
     * PublishVersion: a snapshot of {@code $LATEST}'s code and configuration. When neither changed since
     * the newest version, that version is returned instead, as AWS does.
     *
     * @param description overrides the function's description in the version, or null
     * @param codeSha256  when set, must be {@code $LATEST}'s
     * @param revisionId  when set, must be {@code $LATEST}'s
     */
    public synchronized FunctionVersion publish(String description, String codeSha256, String revisionId)
            throws VersionsException {
        requireNoUpdate();
        FunctionVersion current = latest;
        if (codeSha256 != null && !codeSha256.equals(current.code().sha256())) {
            throw new VersionsException(Kind.INVALID, "CodeSHA256 (" + codeSha256 + ") is different from current "
                    + "CodeSHA256 in $LATEST (" + current.code().sha256() + "). Please try again with the latest "
                    + "CodeSHA256.");
        }
        requireRevision(revisionId, current.revisionId());
        FunctionVersion newest = newest();
        if (newest != null && sameCode(newest, current) && sameConfiguration(newest.definition(), current.definition())) {
            return newest;
        }
        FunctionVersion published = publishNow(description, null);
        save();
        return published;
    }

    /** DeleteFunction with a version qualifier. */
    public synchronized void deleteVersion(String number) throws VersionsException {
        FunctionVersion version = versions.get(number);
        if (version == null) {
            throw new VersionsException(Kind.NOT_FOUND, "Function not found: " + arn + ":" + number);
        }
        for (Alias alias : aliases.values()) {
            if (alias.uses(number)) {
                throw new VersionsException(Kind.CONFLICT, "Unable to delete version because the following aliases "
                        + "reference it: [" + alias.name() + "]");
            }
        }
        Map<String, FunctionVersion> next = new LinkedHashMap<>(versions);
        next.remove(number);
        versions = Collections.unmodifiableMap(next);
        provisioned.remove(number);
        declaredShas.remove(number);
        version.pool().drain();
        retired.add(version.pool());
        save();
    }

    // ---- aliases ----------------------------------------------------------------------------------

    /**
     * CreateAlias.
     *
     * @param additionalVersion the version of {@code RoutingConfig}'s single weight, or null
     */
    public synchronized Alias createAlias(String aliasName, String version, String additionalVersion, double weight,
                                          String description) throws VersionsException {
        if (aliases.containsKey(aliasName)) {
            throw new VersionsException(Kind.CONFLICT, "Alias already exists: " + arn + ":" + aliasName);
        }
        Alias alias = alias(aliasName, version, additionalVersion, weight, description);
        putAlias(alias);
        save();
        return alias;
    }

    /**
     * UpdateAlias; a null argument leaves that part as it is. {@code additionalVersion} "" removes the
     * routing configuration.
     */
    public synchronized Alias updateAlias(String aliasName, String version, String additionalVersion, Double weight,
                                          String description, String revisionId) throws VersionsException {
        Alias current = requireAlias(aliasName);
        requireRevision(revisionId, current.revisionId());
        String primary = version != null ? version : current.primary().version();
        String secondary;
        double share;
        if (additionalVersion == null) {
            secondary = current.secondary() == null ? null : current.secondary().version();
            share = current.secondaryWeight();
        } else if (additionalVersion.isEmpty()) {
            secondary = null;
            share = 0;
        } else {
            secondary = additionalVersion;
            share = weight == null ? 0 : weight;
        }
        Alias alias = alias(aliasName, primary, secondary, share,
                description != null ? description : current.description());
        putAlias(alias);
        save();
        applyProvisioning();
        return alias;
    }

    public synchronized void deleteAlias(String aliasName) throws VersionsException {
        requireAlias(aliasName);
        Map<String, Alias> next = new LinkedHashMap<>(aliases);
        next.remove(aliasName);
        aliases = Collections.unmodifiableMap(next);
        provisioned.remove(aliasName);
        save();
        applyProvisioning();
    }

    // ---- $LATEST ------------------------------------------------------------------------------------

    /**
     * UpdateFunctionConfiguration and UpdateFunctionCode: {@code $LATEST} gets new environments with
     * the change; invocations in flight finish on the old ones, which then stop. The status is
     * {@code InProgress} while code is copied and hashed.
     *
     * @param revisionId when set, must be {@code $LATEST}'s
     */
    public FunctionVersion update(ConfigurationChange change, String revisionId) throws VersionsException {
        synchronized (this) {
            requireNoUpdate();
            requireRevision(revisionId, latest.revisionId());
            updateStatus = new UpdateStatus("InProgress", "The function is being updated.", "Updating");
        }
        try {
            FunctionDefinition definition = change.applyTo(latest.definition());
            if (!Files.exists(definition.code())) {
                throw new VersionsException(Kind.INVALID, "The code " + definition.code() + " does not exist");
            }
            CodeFacts facts = CodeFacts.of(definition.code());
            synchronized (this) {
                FunctionVersion old = latest;
                latest = new FunctionVersion(FunctionVersion.LATEST, definition,
                        pools.create(definition, FunctionVersion.LATEST), facts, Instant.now());
                latestChanges = latestChanges.then(change);
                updateStatus = UpdateStatus.SUCCESSFUL;
                save();
                old.pool().drain();
                retired.add(old.pool());
                return latest;
            }
        } catch (VersionsException | RuntimeException e) {
            synchronized (this) {
                updateStatus = new UpdateStatus("Failed", e.getMessage(), "InternalError");
            }
            throw e;
        }
    }

    /** UpdateFunctionCode with {@code ZipFile} bytes: they are stored in the data folder first. */
    public FunctionVersion updateCode(byte[] zip, String revisionId) throws VersionsException {
        String sha = CodeFacts.sha256Of(zip);
        return update(new ConfigurationChange(null, null, null, null, null, null, null,
                snapshots.store(name, zip, sha).toString(), sha), revisionId);
    }

    // ---- provisioned concurrency -------------------------------------------------------------------

    public synchronized ProvisionedConfig putProvisioned(String qualifier, int count) throws VersionsException {
        if (qualifier == null || qualifier.equals(FunctionVersion.LATEST)) {
            throw new VersionsException(Kind.INVALID,
                    "Provisioned Concurrency Configs cannot be applied to unpublished function versions.");
        }
        if (!versions.containsKey(qualifier) && !aliases.containsKey(qualifier)) {
            throw new VersionsException(Kind.NOT_FOUND, "Function not found: " + arn + ":" + qualifier);
        }
        Integer reserved = latest.definition().reservedConcurrency();
        if (reserved != null && count > reserved) {
            throw new VersionsException(Kind.INVALID, "Requested Provisioned Concurrency should not be greater "
                    + "than the reservedConcurrentExecution for function " + name);
        }
        ProvisionedConfig config = new ProvisionedConfig(qualifier, count, Instant.now());
        provisioned.put(qualifier, config);
        save();
        applyProvisioning();
        return config;
    }

    public synchronized Optional<ProvisionedConfig> provisioned(String qualifier) {
        return Optional.ofNullable(provisioned.get(qualifier));
    }

    public synchronized List<ProvisionedConfig> provisionedConfigs() {
        return List.copyOf(provisioned.values());
    }

    public synchronized void deleteProvisioned(String qualifier) throws VersionsException {
        if (provisioned.remove(qualifier) == null) {
            throw new VersionsException(Kind.PROVISIONED_CONFIG_NOT_FOUND,
                    "No Provisioned Concurrency Config found for this function");
        }
        save();
        applyProvisioning();
    }

    /** How far a qualifier's provisioned environments are: summed over the versions it spreads over. */
    public synchronized EnvironmentPool.ProvisionedState provisionedState(String qualifier) {
        ProvisionedConfig config = provisioned.get(qualifier);
        int requested = config == null ? 0 : config.requested();
        int allocated = 0;
        String failure = null;
        for (Map.Entry<FunctionVersion, Integer> share : sharesOf(qualifier, requested).entrySet()) {
            EnvironmentPool.ProvisionedState state = share.getKey().pool().provisionedState();
            allocated += Math.min(share.getValue(), state.ready());
            failure = failure != null ? failure : state.failure();
        }
        return new EnvironmentPool.ProvisionedState(requested, allocated, allocated, failure);
    }

    // ---- internals --------------------------------------------------------------------------------

    private void load(StoredFunction stored, Set<String> templateProperties) {
        nextVersion = Math.max(1, stored.nextVersion());
        Set<String> overridden = new LinkedHashSet<>(stored.latest().properties());
        overridden.retainAll(templateProperties);
        for (String property : overridden) {
            notices.accept(name + ": the template sets " + property + ", which replaces the value set through "
                    + "the API");
        }
        latestChanges = stored.latest().without(overridden);
        FunctionDefinition definition = latestChanges.applyTo(template);
        if (!Files.exists(definition.code())) {
            notices.accept(name + ": the code set through the API (" + definition.code() + ") is gone; serving "
                    + "the template's");
            latestChanges = latestChanges.without(Set.of("Code"));
            definition = latestChanges.applyTo(template);
        }
        CodeFacts facts = CodeFacts.of(definition.code());
        latest = new FunctionVersion(FunctionVersion.LATEST, definition, pools.create(definition,
                FunctionVersion.LATEST), facts, facts.lastModified());

        Map<String, FunctionVersion> loaded = new LinkedHashMap<>();
        for (StoredFunction.StoredVersion v : stored.versions()) {
            FunctionDefinition snapshot = v.definition().toDefinition();
            if (!Files.exists(snapshot.code())) {
                notices.accept(name + ": version " + v.version() + " is left out: its code (" + snapshot.code()
                        + ") is gone");
                continue;
            }
            // Reserved concurrency belongs to the function, not to a version: the current value applies.
            snapshot = withReserved(snapshot, template.reservedConcurrency());
            loaded.put(v.version(), new FunctionVersion(v.version(), snapshot, pools.create(snapshot, v.version()),
                    new CodeFacts(v.codeSize(), v.codeSha256(), Instant.ofEpochMilli(v.codeModifiedMillis())),
                    Instant.ofEpochMilli(v.publishedMillis())));
            if (v.declaredSha() != null) {
                declaredShas.put(v.version(), v.declaredSha());
            }
        }
        versions = Collections.unmodifiableMap(loaded);

        Map<String, Alias> loadedAliases = new LinkedHashMap<>();
        for (StoredFunction.StoredAlias a : stored.aliases()) {
            FunctionVersion primary = resolveNumber(a.version());
            FunctionVersion secondary = a.additionalVersion() == null ? null : versions.get(a.additionalVersion());
            if (primary == null) {
                notices.accept(name + ": alias " + a.name() + " is left out: version " + a.version() + " is gone");
                continue;
            }
            loadedAliases.put(a.name(), new Alias(a.name(), primary, secondary, a.weight(), a.description(),
                    a.revisionId()));
        }
        aliases = Collections.unmodifiableMap(loadedAliases);
        stored.provisioned().forEach((qualifier, count) -> {
            if (has(qualifier)) {
                provisioned.put(qualifier, new ProvisionedConfig(qualifier, count, Instant.now()));
            }
        });
    }

    private String publishDeclared(VersionDeclaration declared) {
        FunctionVersion newest = newest();
        FunctionVersion current = latest;
        boolean sameCode = declared.codeSha256() != null
                ? newest != null && declared.codeSha256().equals(declaredShas.get(newest.version()))
                : newest != null && sameCode(newest, current);
        boolean same = sameCode && (!declared.allProperties()
                || sameConfiguration(newest.definition(), current.definition()));
        FunctionVersion version = same ? newest : publishNow(declared.description(), declared.codeSha256());
        if (declared.provisionedConcurrency() != null) {
            provisioned.put(version.version(), new ProvisionedConfig(version.version(),
                    declared.provisionedConcurrency(), Instant.now()));
        }
        return version.version();
    }

    private void applyDeclared(AliasDeclaration declared) {
        String primary = numberOf(declared.version());
        String secondary = declared.additional().isEmpty() ? null : numberOf(declared.additional().getFirst().version());
        double weight = declared.additional().isEmpty() ? 0 : declared.additional().getFirst().weight();
        Alias before = aliases.get(declared.name());
        try {
            Alias alias = alias(declared.name(), primary, secondary, weight, declared.description());
            if (before != null && !sameRouting(before, alias)) {
                notices.accept(name + ": the template points alias " + declared.name() + " at " + routing(alias)
                        + "; it pointed at " + routing(before));
            }
            putAlias(before != null && sameRouting(before, alias) ? before : alias);
        } catch (VersionsException e) {
            throw new IllegalArgumentException(name + ": alias " + declared.name() + " cannot be created: "
                    + e.getMessage(), e);
        }
        if (declared.deploymentPreference() != null && before != null
                && !before.primary().version().equals(primary)) {
            notices.accept(name + ": alias " + declared.name() + " moved from version " + before.primary().version()
                    + " to " + primary + " at once; AWS would shift traffic gradually ("
                    + declared.deploymentPreference() + ")");
        } else if (declared.deploymentPreference() != null) {
            notices.accept(name + ": alias " + declared.name() + " DeploymentPreference "
                    + declared.deploymentPreference() + " is applied at once locally; AWS would shift traffic "
                    + "to each new version gradually");
        }
        if (declared.provisionedConcurrency() != null) {
            ProvisionedConfig before2 = provisioned.get(declared.name());
            if (before2 != null && before2.requested() != declared.provisionedConcurrency()) {
                notices.accept(name + ": the template sets alias " + declared.name() + "'s provisioned concurrency "
                        + "to " + declared.provisionedConcurrency() + ", replacing " + before2.requested());
            }
            provisioned.put(declared.name(), new ProvisionedConfig(declared.name(),
                    declared.provisionedConcurrency(), Instant.now()));
        }
    }

    private String numberOf(VersionReference reference) {
        return switch (reference) {
            case VersionReference.Latest latestRef -> FunctionVersion.LATEST;
            case VersionReference.Numbered numbered -> numbered.number();
            case VersionReference.Declared declared -> {
                String number = declaredNumbers.get(declared.logicalId());
                if (number == null) {
                    throw new IllegalArgumentException(name + ": version " + declared.logicalId()
                            + " is not a version of this function declared in the template");
                }
                yield number;
            }
        };
    }

    private FunctionVersion publishNow(String description, String declaredSha) {
        FunctionVersion current = latest;
        FunctionDefinition definition = current.definition();
        FunctionDefinition snapshot = new FunctionDefinition(definition.logicalId(), definition.name(),
                definition.runtime(), definition.handler(),
                snapshots.snapshot(name, definition.code(), current.code().sha256()), definition.timeout(),
                definition.memorySizeMb(), definition.environment(), definition.reservedConcurrency(),
                description != null ? description : definition.description(), definition.freeze(),
                definition.layers(), definition.ephemeralStorageMb());
        String number = Integer.toString(nextVersion++);
        FunctionVersion version = new FunctionVersion(number, snapshot, pools.create(snapshot, number), current.code(),
                Instant.now());
        Map<String, FunctionVersion> next = new LinkedHashMap<>(versions);
        next.put(number, version);
        versions = Collections.unmodifiableMap(next);
        if (declaredSha != null) {
            declaredShas.put(number, declaredSha);
        }
        return version;
    }

    private Alias alias(String aliasName, String version, String additionalVersion, double weight,
                        String description) throws VersionsException {
        if (version == null) {
            throw new VersionsException(Kind.INVALID, "FunctionVersion is required");
        }
        boolean weighted = additionalVersion != null;
        if (version.equals(FunctionVersion.LATEST) && weighted) {
            throw new VersionsException(Kind.INVALID,
                    "$LATEST is not supported for an alias pointing to more than 1 version");
        }
        FunctionVersion primary = resolveNumber(version);
        if (primary == null) {
            throw new VersionsException(Kind.NOT_FOUND, "Function not found: " + arn + ":" + version);
        }
        FunctionVersion secondary = null;
        if (weighted) {
            if (additionalVersion.equals(FunctionVersion.LATEST)) {
                throw new VersionsException(Kind.INVALID,
                        "$LATEST is not supported for an alias pointing to more than 1 version");
            }
            if (additionalVersion.equals(version)) {
                throw new VersionsException(Kind.INVALID, "Invalid function version " + additionalVersion
                        + ". Function version " + additionalVersion + " is already included in routing configuration.");
            }
            secondary = versions.get(additionalVersion);
            if (secondary == null) {
                throw new VersionsException(Kind.NOT_FOUND, "Function not found: " + arn + ":" + additionalVersion);
            }
            if (!(weight >= 0 && weight <= 1)) {
                throw new VersionsException(Kind.INVALID, "Invalid weight " + weight
                        + ": additional version weights must be between 0.0 and 1.0");
            }
        }
        String revision = UUID.randomUUID().toString();
        return new Alias(aliasName, primary, secondary, weight, description, revision);
    }

    private FunctionVersion resolveNumber(String version) {
        return version.equals(FunctionVersion.LATEST) ? latest : versions.get(version);
    }

    private void putAlias(Alias alias) {
        Map<String, Alias> next = new LinkedHashMap<>(aliases);
        next.put(alias.name(), alias);
        aliases = Collections.unmodifiableMap(next);
    }

    private Alias requireAlias(String aliasName) throws VersionsException {
        Alias alias = aliases.get(aliasName);
        if (alias == null) {
            throw new VersionsException(Kind.NOT_FOUND, "Alias not found: " + arn + ":" + aliasName);
        }
        return alias;
    }

    private void requireNoUpdate() throws VersionsException {
        if (updateStatus.status().equals("InProgress")) {
            throw new VersionsException(Kind.CONFLICT, "The operation cannot be performed at this time. An update "
                    + "is in progress for resource: " + arn);
        }
    }

    private static void requireRevision(String expected, String actual) throws VersionsException {
        if (expected != null && !expected.isEmpty() && !expected.equals(actual)) {
            throw new VersionsException(Kind.PRECONDITION_FAILED, "The Revision Id provided does not match the "
                    + "latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
        }
    }

    private FunctionVersion newest() {
        FunctionVersion newest = null;
        for (FunctionVersion v : versions.values()) {
            newest = v;
        }
        return newest;
    }

    private static boolean sameCode(FunctionVersion a, FunctionVersion b) {
        return a.code().sha256().equals(b.code().sha256());
    }

    /** What PublishVersion compares besides code: everything a version snapshots except its description. */
    private static boolean sameConfiguration(FunctionDefinition a, FunctionDefinition b) {
        return a.runtime().equals(b.runtime()) && Objects.equals(a.handler(), b.handler())
                && a.timeout().equals(b.timeout()) && a.memorySizeMb() == b.memorySizeMb()
                && a.environment().equals(b.environment()) && a.layers().equals(b.layers())
                && Objects.equals(a.freeze(), b.freeze()) && a.ephemeralStorageMb() == b.ephemeralStorageMb();
    }

    private static boolean sameRouting(Alias a, Alias b) {
        return a.primary().version().equals(b.primary().version())
                && Objects.equals(a.secondary() == null ? null : a.secondary().version(),
                b.secondary() == null ? null : b.secondary().version())
                && a.secondaryWeight() == b.secondaryWeight() && a.description().equals(b.description());
    }

    private static String routing(Alias alias) {
        return "version " + alias.primary().version() + (alias.secondary() == null ? ""
                : " (" + alias.secondaryWeight() + " to version " + alias.secondary().version() + ")");
    }

    private static FunctionDefinition withReserved(FunctionDefinition d, Integer reserved) {
        return new FunctionDefinition(d.logicalId(), d.name(), d.runtime(), d.handler(), d.code(), d.timeout(),
                d.memorySizeMb(), d.environment(), reserved, d.description(), d.freeze(), d.layers(),
                d.ephemeralStorageMb());
    }

    /** How a qualifier's provisioned environments spread over versions: an alias by its weights. */
    private Map<FunctionVersion, Integer> sharesOf(String qualifier, int count) {
        Map<FunctionVersion, Integer> shares = new LinkedHashMap<>();
        Alias alias = aliases.get(qualifier);
        if (alias != null) {
            int second = alias.secondary() == null ? 0 : (int) Math.round(count * alias.secondaryWeight());
            shares.merge(alias.primary(), count - second, Integer::sum);
            if (alias.secondary() != null) {
                shares.merge(alias.secondary(), second, Integer::sum);
            }
        } else if (versions.containsKey(qualifier)) {
            shares.put(versions.get(qualifier), count);
        }
        return shares;
    }

    /** Starts the provisioned environments; call once the platform serves the Runtime API. */
    public synchronized void startProvisioned() {
        provisioning = true;
        applyProvisioning();
    }

    /** Every version's pool keeps the environments its provisioned settings add up to. */
    private void applyProvisioning() {
        if (!provisioning) {
            return;
        }
        Map<FunctionVersion, Integer> totals = new HashMap<>();
        for (ProvisionedConfig config : provisioned.values()) {
            sharesOf(config.qualifier(), config.requested()).forEach((v, n) -> totals.merge(v, n, Integer::sum));
        }
        for (FunctionVersion version : versions.values()) {
            int wanted = totals.getOrDefault(version, 0);
            if (version.pool().provisionedState().requested() != wanted) {
                version.pool().provision(wanted);
            }
        }
    }

    private void save() {
        if (store == null) {
            return;
        }
        List<StoredFunction.StoredVersion> storedVersions = new ArrayList<>();
        for (FunctionVersion v : versions.values()) {
            storedVersions.add(new StoredFunction.StoredVersion(v.version(),
                    StoredFunction.Snapshot.of(v.definition()), v.code().sha256(), v.code().size(),
                    v.code().lastModified().toEpochMilli(), v.lastModified().toEpochMilli(),
                    declaredShas.get(v.version())));
        }
        List<StoredFunction.StoredAlias> storedAliases = new ArrayList<>();
        for (Alias a : aliases.values()) {
            storedAliases.add(new StoredFunction.StoredAlias(a.name(), a.primary().version(),
                    a.secondary() == null ? null : a.secondary().version(), a.secondaryWeight(), a.description(),
                    a.revisionId()));
        }
        Map<String, Integer> storedProvisioned = new LinkedHashMap<>();
        provisioned.forEach((q, c) -> storedProvisioned.put(q, c.requested()));
        StoredFunction state = new StoredFunction(nextVersion, latestChanges, storedVersions, storedAliases,
                storedProvisioned);
        if (!state.equals(saved)) {
            store.save(name, state);
            saved = state;
        }
    }
}
