"""The app's Python worker: it reads its keys from the Stripe Secret Store."""
import os

import stripe

stripe.api_key = os.environ["STRIPE_SECRET_KEY"]


def sendgrid_key(account_id):
    # Expires in about two days in the demo store: the name carries a note.
    secret = stripe.apps.Secret.find(
        name="sendgrid_api_key",
        scope={"type": "account"},
        expand=["payload"],
        stripe_account=account_id,
    )
    return secret.payload


def openai_key(account_id):
    return stripe.apps.Secret.find(name="openai_api_key", scope={"type": "account"}, expand=["payload"], stripe_account=account_id).payload
