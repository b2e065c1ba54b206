#pragma once

namespace ic {

/// Marks the calling thread as background work, such as the sync's database writer and the call-log writer.
///
/// On Linux it raises the thread's nice value by backgroundNiceIncrement, so that on a busy machine (two cores shared
/// by the network, the writers and the window) the threads that wait on the network or draw the window run first,
/// and a reply is not left waiting while a writer has the CPU. The writers still get whatever the others leave,
/// which on an idle machine is all they want. Elsewhere it does nothing. Returns whether the priority was changed.
bool setBackgroundPriority();

/// How much setBackgroundPriority() raises the nice value: a thread at +5 gets about a third of the CPU time of one
/// at 0 when both want it.
inline constexpr int backgroundNiceIncrement = 5;

} // namespace ic
