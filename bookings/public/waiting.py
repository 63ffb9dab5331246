"""What the manage page says about the waiting list: the booking's place on it, the waiting part of a booking
split at booking time, a request waiting for the allocation, and an offer that ran out."""

from bookings.choices import BookingStatus
from bookings.notifications import waiting_position_text


def waiting_context(booking):
    """The manage page's waiting-list context for ``booking``: one query for its place on the list, one for a
    held booking's waiting part (and its place)."""
    position = booking.waiting_position()
    parts = []
    if booking.status in (BookingStatus.CONFIRMED, BookingStatus.PENDING, BookingStatus.OFFERED):
        for part in booking.waiting_parts.exclude(status__in=(BookingStatus.CANCELLED, BookingStatus.DECLINED)):
            part_position = part.waiting_position()
            parts.append({"booking": part, "position_text": part_position and waiting_position_text(part_position)})
    split_from = booking.split_from if booking.split_from_id else None
    return {
        "waiting_position_text": waiting_position_text(position) if position else None,
        "waiting_parts": parts,
        "split_from": split_from,
    }
