using ActorTrust.Core.Entities;
using static ActorTrust.Core.Federation.Contracts.ContractRejectionCodes;

namespace ActorTrust.Core.Federation.Contracts;

/// <summary>
/// The <c>contract</c> entity (id = the contract version): the federation contract's text, its digest, and whether
/// new federations may still adopt it. Publication and deprecation need an operator holding <c>federator</c>.
/// </summary>
public sealed class ContractDecider : IDecider<ContractState, ContractCommand, ContractEvent>
{
    /// <summary>The shared instance; the decider holds no state.</summary>
    public static ContractDecider Instance { get; } = new();

    /// <inheritdoc />
    public ContractState Initial => ContractState.Empty;

    /// <inheritdoc />
    public Decision<ContractEvent> Decide(ContractState state, ContractCommand command, DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (!ContractRegistry.TryParseVersion(context.EntityId, out var version))
        {
            return Decision<ContractEvent>.Reject(ContractVersionInvalid, $"contract id '{context.EntityId}' is not a positive integer");
        }

        return command switch
        {
            PublishContract publish => Publish(state, publish, version, context),
            DeprecateContract deprecate => Deprecate(state, deprecate, version, context),
            _ => throw new ArgumentException($"unknown contract command {command.GetType().Name}", nameof(command)),
        };
    }

    /// <inheritdoc />
    public ContractState Evolve(ContractState state, ContractEvent @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        return @event switch
        {
            ContractPublished published when state.Status == ContractStatus.Unpublished => state with { Status = ContractStatus.Published, Publication = published },
            ContractDeprecated deprecated when state.Status == ContractStatus.Published => state with { Status = ContractStatus.Deprecated, Deprecation = deprecated },
            _ => throw new InvalidOperationException($"{@event.GetType().Name} cannot apply to a contract that is {state.Status}"),
        };
    }

    private static Decision<ContractEvent> Publish(ContractState state, PublishContract command, int version, DecisionContext context)
    {
        if (Authorize(command.Actor) is { } refused)
        {
            return refused;
        }

        if (ContractDigest.Validate(command.Text) is { } invalid)
        {
            return Decision<ContractEvent>.Reject(CommandInvalid, invalid);
        }

        var digest = ContractDigest.Of(command.Text);
        if (state.Publication is { } published)
        {
            return published.Digest == digest
                ? Decision<ContractEvent>.Accept()
                : Decision<ContractEvent>.Reject(ContractTextImmutable, $"contract version {version} was published with digest {published.Digest}; its text cannot change");
        }

        if (command.ExpectedDigest is { } expected && expected != digest)
        {
            return Decision<ContractEvent>.Reject(ContractDigestMismatch, $"the text's digest is {digest}, not the expected {expected}");
        }

        return Decision<ContractEvent>.Accept(new ContractPublished(version, command.Text, digest, command.EffectiveAt ?? context.Now, command.Actor, context.Now));
    }

    private static Decision<ContractEvent> Deprecate(ContractState state, DeprecateContract command, int version, DecisionContext context) =>
        Authorize(command.Actor) ?? (FederationText.Reason(command.Reason) is { } invalid ? Decision<ContractEvent>.Reject(CommandInvalid, invalid)
            : state.Status switch
            {
                ContractStatus.Deprecated => Decision<ContractEvent>.Accept(),
                ContractStatus.Published => Decision<ContractEvent>.Accept(new ContractDeprecated(version, command.Reason, command.Actor, context.Now)),
                _ => Decision<ContractEvent>.Reject(ContractNotPublished, $"contract version {version} is not published"),
            });

    private static Decision<ContractEvent>? Authorize(FederationActor? actor) =>
        actor is null ? Decision<ContractEvent>.Reject(CommandInvalid, "actor is missing")
        : actor.Validate() is { } invalid ? Decision<ContractEvent>.Reject(CommandInvalid, invalid)
        : actor.IsFederator ? null
        : Decision<ContractEvent>.Reject(ActorNotAuthorized, $"{actor} does not hold federator in our domain");
}
