using ActorTrust.Core.Domains;
using ActorTrust.Core.Entities;
using ActorTrust.Core.Envelopes;
using ActorTrust.Core.Json;
using ActorTrust.Core.Tests.TestSupport;
using FsCheck;
using FsCheck.Fluent;
using static ActorTrust.Core.Tests.Domains.DomainFixtures;

namespace ActorTrust.Core.Tests.Domains;

public sealed class DomainPropertyTests
{
    private static readonly EventCatalog<DomainEvent> Catalog = EventCatalog<DomainEvent>.FromAssembly();

    [Fact]
    public void Rotation_is_accepted_exactly_for_version_n_plus_one_with_both_thresholds()
    {
        Prop.ForAll(DomainChainGen.Plans.ToArbitrary(), plan =>
        {
            var (spec, accepted) = DomainChainGen.Build(plan.Chain);
            var current = accepted[^1];
            var candidate = DomainChainGen.Candidate(plan, current);
            var distinct = plan.Signers.Distinct().ToArray();
            var expected = plan.VersionOffset == 1
                && distinct.Count(plan.Chain[^1].Roots.Contains) >= plan.Chain[^1].Threshold
                && distinct.Count(plan.Candidate.Roots.Contains) >= plan.Candidate.Threshold;

            var decision = spec.When(Rotate(candidate, plan.Signers), Now);

            return expected
                ? decision.IsAccepted && decision.Events.Single() is DomainRotated { Manifest.Version: var v } && v == current.Version + 1
                : !decision.IsAccepted || (decision.Events.Count == 0 && DigestOf(candidate) == DigestOf(current));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Any_single_byte_tamper_of_a_signed_manifest_is_refused()
    {
        var v1 = V1();
        var v2 = V2(v1);
        var created = Spec();
        created.Apply(Create(v1, 0, 1), Now);
        var genuine = new[]
        {
            (Spec(), DomainManifestSigning.Sign(v1, TestKeys.Signer(0), TestKeys.Signer(1)), true),
            (created, DomainManifestSigning.Sign(v2, TestKeys.Signer(0), TestKeys.Signer(1), TestKeys.Signer(3), TestKeys.Signer(4)), false),
        };
        var tampers =
            from which in Gen.Choose(0, 1)
            from position in Gen.Choose(0, genuine[which].Item2.Payload.Length - 1)
            from mask in Gen.Choose(1, 255)
            select (which, position, (byte)mask);

        Prop.ForAll(tampers.ToArbitrary(), t =>
        {
            var (spec, envelope, isCreate) = genuine[t.which];
            var payload = envelope.Payload.ToArray();
            payload[t.position % payload.Length] ^= t.Item3;
            var text = System.Text.Encoding.UTF8.GetString(EnvelopeJson.Serialize(envelope with { Payload = payload }));

            return !spec.When(isCreate ? new CreateDomain(text) : new RotateDomain(text), Now).IsAccepted;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Resubmitting_an_accepted_manifest_emits_nothing()
    {
        Prop.ForAll(Gen.ArrayOf(DomainChainGen.RootSets, 3).ToArbitrary(), chain =>
        {
            var (spec, accepted) = DomainChainGen.Build(chain);
            var last = accepted[^1];
            var signers = last.RootKeys.Select(hex => Enumerable.Range(0, TestKeys.Count).First(i => TestKeys.Hex(i) == hex)).ToArray();

            var decision = spec.When(Rotate(last, signers), Now.AddDays(1));

            return decision.IsAccepted && decision.Events.Count == 0;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Replaying_events_read_back_from_the_catalog_reproduces_the_state()
    {
        Prop.ForAll(Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(DomainChainGen.RootSets, n)).ToArbitrary(), chain =>
        {
            var (spec, _) = DomainChainGen.Build(chain);
            var readBack = spec.History
                .Select(e => Catalog.Deserialize(Catalog.NameOf(e), Catalog.Serialize(e)))
                .ToList();
            var replayed = readBack.Aggregate(DomainDecider.Instance.Initial, DomainDecider.Instance.Evolve);

            return readBack.Select(Catalog.Serialize).SequenceEqual(spec.History.Select(Catalog.Serialize), ByteArrays.Comparer)
                && ActorTrustJson.ToCanonicalBytes(replayed).SequenceEqual(ActorTrustJson.ToCanonicalBytes(spec.State));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Catalog_knows_the_domain_events_by_their_wire_names()
    {
        Catalog.Names.ShouldBe(["domain.created.v1", "domain.rotated.v1", "domain.receipt-recorded.v1", "domain.certification-recorded.v1"], ignoreOrder: true);
    }

    [Fact]
    public void Domain_state_reads_back_from_its_json()
    {
        var spec = Created(out var v1);
        spec.Apply(Rotate(V2(v1), 0, 1, 3, 4), Now.AddDays(1));
        var json = ActorTrustJson.ToCanonicalBytes(spec.State);

        ActorTrustJson.ToCanonicalBytes(ActorTrustJson.Read<DomainState>(json)).ShouldBe(json);
    }
}
